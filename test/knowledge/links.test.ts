// Answers carry links as data: only https: pages and tel: numbers pass the loader; every channel renders them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkLines, numberedText } from '../../adapters/whatsapp/shared/choices.ts';
import { renderCloudMessage } from '../../adapters/whatsapp/cloud/graph.ts';
import { isSafeLinkUrl } from '../../src/core/types.ts';
import { KnowledgeError } from '../../src/knowledge/errors.ts';
import { loadKnowledgeBase } from '../../src/knowledge/loader.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function withLink(url: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jessi-links-'));
  dirs.push(dir);
  cpSync('knowledge', dir, { recursive: true });
  const file = path.join(dir, 'answers', 'contact_office.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('url: "tel:175"', `url: ${JSON.stringify(url)}`));
  return loadKnowledgeBase(dir);
}

describe('links in knowledge/', () => {
  it('the contact and JHT-claim answers carry tel: 175 and Lapak Asik', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    for (const intent of ['contact_office', 'jht_claim_how']) {
      const [m] = kb.reply(intent, 'id')!;
      expect(m!.links!.map((l) => l.url)).toEqual(expect.arrayContaining(['tel:175', 'https://lapakasik.bpjsketenagakerjaan.go.id/']));
      expect(kb.reply(intent, 'en')![0]!.links!.length).toBe(m!.links!.length);
    }
  });

  it.each(['javascript:alert(1)', 'http://lapakasik.bpjsketenagakerjaan.go.id/', 'data:text/html,hi', 'https://user:pw@example.go.id/', 'tel:175;ext=<x>'])('refuses %s, naming the file and field', async (url) => {
    const err = await withLink(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeError);
    expect((err as KnowledgeError).problems).toEqual([expect.objectContaining({ file: expect.stringMatching(/contact_office\.yaml$/), field: 'links[0].url' })]);
  });

  it('only https: and tel: are safe link URLs', () => {
    expect(['tel:175', 'tel:+62-21-175', 'https://www.bpjsketenagakerjaan.go.id/'].every(isSafeLinkUrl)).toBe(true);
    expect(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' https://x.go.id', 'https://localhost/', 'ftp://x.go.id/', 'tel:'].some(isSafeLinkUrl)).toBe(false);
  });

  it('WhatsApp shows links as plain lines (numbers without tel:), also in an interactive message', () => {
    const m = { text: 'Hubungi kami.', links: [{ title: 'Call center', url: 'tel:175' }, { title: 'Lapak Asik', url: 'https://lapakasik.bpjsketenagakerjaan.go.id/' }] };
    expect(linkLines(m)).toBe('\n\nCall center: 175\nLapak Asik: https://lapakasik.bpjsketenagakerjaan.go.id/');
    expect(numberedText(m)).toBe(`Hubungi kami.${linkLines(m)}`);
    const interactive = renderCloudMessage('62812', { ...m, buttons: [{ title: 'Menu', payload: 'intent:menu' }] }, 1);
    expect(JSON.stringify(interactive.body)).toContain('Lapak Asik: https://lapakasik.bpjsketenagakerjaan.go.id/');
  });
});
