import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/nlu/language.ts';

describe('detectLanguage', () => {
  it('detects clear English', () => {
    expect(detectLanguage('how do I withdraw my old age savings?')).toBe('en');
    expect(detectLanguage('what documents are needed for the claim')).toBe('en');
    expect(detectLanguage('thank you')).toBe('en');
    expect(detectLanguage('I was laid off last month, can I get the job loss benefit')).toBe('en');
  });

  it('keeps Indonesian, mixed and short ambiguous messages as id', () => {
    expect(detectLanguage('gimana cara klaim jht')).toBe('id');
    expect(detectLanguage('ok')).toBe('id');
    expect(detectLanguage('jht')).toBe('id');
    expect(detectLanguage('cek saldo jht saya dong')).toBe('id');
    expect(detectLanguage('saya mau claim jht online')).toBe('id');
    expect(detectLanguage('')).toBe('id');
    expect(detectLanguage('5 juta')).toBe('id');
  });
});
