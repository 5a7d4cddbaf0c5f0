/**
 * Training proposals from the supervisor view: "add this unanswered question as an example of intent X" is
 * appended to a reviewable YAML file (TRAINING_PROPOSALS_FILE, default proposals/training.yaml) that editors
 * read, check and copy into intents/<id>.yaml themselves. Nothing here touches the live model.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import type { TrainingProposal } from './types.ts';

const HEADER = '# Training examples proposed from the supervisor view (/agent/insights).\n# Review each one, then copy it into intents/<intent>.yaml; delete it here when done. Never loaded by the service.\n';

/** Append one proposal (a YAML list item). Texts were redacted where they were recorded (src/unanswered). */
export async function appendProposal(file: string, p: TrainingProposal): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const exists = await readFile(file, 'utf8').then(() => true, () => false);
  await appendFile(file, `${exists ? '' : HEADER}${stringify([p])}`, 'utf8');
}
