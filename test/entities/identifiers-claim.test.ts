import { describe, expect, it } from 'vitest';
import { extractIdentifiers, findClaimNumber, findPii, findTicket } from '../../src/nlu/entities/identifiers.ts';

describe('claim numbers and tickets', () => {
  it.each([
    ['klaim KLM-2026-000871 sudah sampai mana?', 'KLM-2026-000871'],
    ['nomor klaim klm 2026 000871', 'KLM-2026-000871'],
    ['KLM2026000871', 'KLM-2026-000871'],
  ])('%s → %s', (t, v) => expect(findClaimNumber(t)).toBe(v));
  it('a claim number is not a ticket, not personal data, and a ticket is not a claim number', () => {
    expect(findTicket('KLM-2026-000871')).toBeNull();
    expect(findPii('KLM-2026-000871')).toEqual([]);
    expect(findClaimNumber('ADU-20251014-0042')).toBeNull();
    expect(findClaimNumber('BKLM-2026-000871')).toBeNull();
    expect(findTicket('ABC-20251014-0042')).toBeNull();
    expect(extractIdentifiers('tiket ADU-20251014-0042 dan klaim KLM-2026-000871')).toEqual({ ticket: 'ADU-20251014-0042', claim: 'KLM-2026-000871' });
  });
});
