/**
 * What the bot says lives in the message catalogue (knowledge/messages) and the answers, not in TypeScript.
 * This scan finds bilingual sentences written in code (`{ id: '… … …', en: '… … …' }`). Files still to be
 * moved are listed below: the list may only shrink (a listed file that became clean fails too, so it is
 * taken off).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STILL_TO_MOVE = new Set<string>([]);

const SENTENCE = /\b(?:id|en):\s*['"`][^'"`\n]*[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('no user-visible sentences in code', () => {
  // The widget's own chrome (button labels, placeholders) runs in the browser and lives in its bundle
  // (adapters/web/widget/i18n.ts); everything the bot says comes from the server's catalogue.
  const all = [...files('src'), ...files('adapters')].map((f) => f.split(path.sep).join('/')).filter((f) => !f.startsWith('adapters/web/widget/'));
  it('only the listed files still hold bilingual copy', () => {
    const found = all.filter((f) => SENTENCE.test(readFileSync(f, 'utf8')));
    expect(found.filter((f) => !STILL_TO_MOVE.has(f)), 'new copy in code: move it to knowledge/messages').toEqual([]);
    expect([...STILL_TO_MOVE].filter((f) => !found.includes(f)), 'clean now: take it off STILL_TO_MOVE').toEqual([]);
  });
});
