/** A problem in a knowledge file, reported with the file and the field so an editor can fix it. */
export interface KnowledgeProblem {
  file: string;
  /** Dotted path of the field ("answer.id", "buttons[1].intent"), or "" for the whole file. */
  field: string;
  message: string;
}

export const describeProblem = (p: KnowledgeProblem): string =>
  p.field ? `${p.file}: field "${p.field}": ${p.message}` : `${p.file}: ${p.message}`;

export class KnowledgeError extends Error {
  readonly problems: KnowledgeProblem[];
  constructor(problems: KnowledgeProblem[]) {
    const n = problems.length;
    super(`Knowledge base is invalid (${n} problem${n === 1 ? '' : 's'}):\n` + problems.map((p) => `  - ${describeProblem(p)}`).join('\n'));
    this.name = 'KnowledgeError';
    this.problems = problems;
  }
}

/** zod issue path → "buttons[1].intent". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
