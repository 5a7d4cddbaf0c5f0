/** The message catalogue (knowledge/messages/*.yaml) is checked like the answers, and renders what the bot says. */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/loader.ts';
import { createDialogRegistry } from '../../src/dialogs/registry.ts';

async function withMessages(yaml: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jessi-kb-'));
  await cp('knowledge', dir, { recursive: true });
  await writeFile(path.join(dir, 'messages', 'extra.yaml'), yaml);
  return dir;
}

describe('message catalogue', () => {
  it('renders parameters and rule figures in both languages', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    expect(kb.message('core.rate_limited', 'id', { seconds: 12 })).toContain('12 detik');
    expect(kb.message('core.rate_limited', 'en', { seconds: 12 })).toContain('12 seconds');
    expect(kb.message('engine.gave_up', 'id', { title: 'simulasi JHT' })).toMatch(/simulasi JHT.*\*175\*/s);
  });

  it("every dialog's title is in the catalogue, in both languages", async () => {
    const kb = await loadKnowledgeBase('knowledge');
    for (const def of createDialogRegistry().all()) {
      expect(kb.messages.has(def.title), `${def.id}: title ${def.title}`).toBe(true);
      expect(kb.message(def.title, 'id').length).toBeGreaterThan(0);
    }
    expect(kb.message('dialogs.jht_simulation', 'id')).toBe('simulasi JHT');
  });

  it('rejects an undeclared parameter, a typed figure and a missing language, naming file and field', async () => {
    const dir = await withMessages(
      ['a:', '  id: "Halo {{name}}"', '  en: "Hello {{name}}"', 'b:', '  id: "Iuran Rp16.800"', '  en: "Fee Rp16,800"', 'c:', '  id: "Hanya satu bahasa"'].join('\n'),
    );
    const err = await loadKnowledgeBase(dir).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/extra\.yaml: field "a\.id": \{\{name\}\} is not declared/);
    expect(err?.message).toMatch(/extra\.yaml: field "b\.id": literal figure "Rp16\.800"/);
    expect(err?.message).toMatch(/extra\.yaml: field "c\.en"/);
  });

  it('an unknown rule key in a message stops the load', async () => {
    const dir = await withMessages(['x:', '  id: "{{no.such_rule}}"', '  en: "{{no.such_rule}}"'].join('\n'));
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/unknown rule key/);
  });
});
