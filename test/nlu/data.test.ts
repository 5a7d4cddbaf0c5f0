import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createRouter } from '../../src/nlu/router.ts';

const INTENTS = resolve(import.meta.dirname, '../../intents');
const DEV = resolve(import.meta.dirname, '../../eval/dev.jsonl');

const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Every string in a parsed YAML value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
    out.push(k);
    strings(x, out);
  }
  return out;
}

describe('intents/ data', () => {
  it.skipIf(!existsSync(DEV))('contains no line of the dev set verbatim (eval/dev.jsonl, the public dev set)', () => {
    const dev = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim()).map((l) => squash((JSON.parse(l) as { text: string }).text));
    const files = readdirSync(INTENTS).filter((f) => f.endsWith('.yaml'));
    const entries = new Set<string>();
    let raw = '';
    for (const f of files) {
      const text = readFileSync(join(INTENTS, f), 'utf8');
      raw += squash(text) + '\n';
      // lexicon.yaml maps single words; a one-word dev line such as "ok" may legitimately be a slang key
      if (f !== 'lexicon.yaml') for (const s of strings(parse(text))) entries.add(squash(s));
    }
    const leaked = dev.filter((d) => entries.has(d) || (d.length >= 25 && raw.includes(d)));
    expect(leaked).toEqual([]);
  });

  it('reports the file and field of invalid data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jessi-intents-'));
    for (const f of ['lexicon.yaml', 'out_of_scope.yaml', 'greeting.yaml']) copyFileSync(join(INTENTS, f), join(dir, f));
    writeFileSync(join(dir, 'thanks.yaml'), 'intent: thanks\nutterances:\n  id: [makasih, 42]\n');
    await expect(createRouter({ intentsDir: dir })).rejects.toThrow(/thanks\.yaml[\s\S]*utterances\.id\.1/);
  });
});
