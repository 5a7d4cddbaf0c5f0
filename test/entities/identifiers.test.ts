import { describe, expect, it } from 'vitest';
import {
  extractIdentifiers, findKpj, findNik, findPhone, findTicket, maskKpj, maskNik, maskPhone, parseIdentifier,
} from '../../src/nlu/entities/identifiers.ts';

describe('KPJ and NIK', () => {
  it.each([
    ['nik saya 3174011503900001', '3174011503900001'], ['3174 0115 0390 0001', '3174011503900001'],
    ['3174-0115-0390-0001', '3174011503900001'], ['NIK:3273024708850002.', '3273024708850002'],
  ])('NIK in %s', (text, nik) => {
    expect(findNik(text)).toBe(nik);
    expect(parseIdentifier(text)).toEqual({ kind: 'nik', value: nik });
  });

  it.each([
    ['no kpj 21012345678', '21012345678'], ['210 1234 5678', '21012345678'], ['21-0987-65432', '21098765432'],
  ])('KPJ in %s', (text, kpj) => {
    expect(findKpj(text)).toBe(kpj);
    expect(parseIdentifier(text)).toEqual({ kind: 'kpj', value: kpj });
  });

  it('does not take other numbers for a KPJ or NIK', () => {
    for (const t of ['gaji 5000000', '15-06-1990', '123456789012', '1234567890', '0812345678901', 'ADU-20251014-0042'])
      expect(parseIdentifier(t)).toBeNull();
  });

  it('a KPJ followed by another number stays a KPJ', () => {
    expect(findKpj('kpj 21012345678 lahir 1990')).toBe('21012345678');
  });
});

describe('phone, email, ticket', () => {
  it.each([
    ['0813-2468-1357', '081324681357'], ['hubungi 0813 2468 1357 ya', '081324681357'], ['+62 813-2468-1357', '081324681357'],
    ['6281324681357', '081324681357'], ['08123456789', '08123456789'],
  ])('phone %s', (text, phone) => expect(findPhone(text)).toBe(phone));

  it('an 11-digit number starting 08 is a phone, not a KPJ', () => {
    expect(extractIdentifiers('08123456789')).toEqual({ phone: '08123456789' });
  });

  it('tickets are found in any case and normalised', () => {
    expect(findTicket('status adu-20251014-0042 dong')).toBe('ADU-20251014-0042');
    expect(findTicket('tiket ADU 20250930 0007')).toBe('ADU-20250930-0007');
    expect(findTicket('ADU-2025101-0042')).toBeNull();
  });

  it('extracts everything at once', () => {
    expect(extractIdentifiers('kpj 21012345678, email Budi@Mail.com, wa 0813-2468-1357, tiket ADU-20251014-0042')).toEqual({
      kpj: '21012345678', email: 'budi@mail.com', phone: '081324681357', ticket: 'ADU-20251014-0042',
    });
  });
});

describe('masking', () => {
  it('masks', () => {
    expect(maskNik('3174011503900001')).toBe('3174********0001');
    expect(maskNik('3174 0115 0390 0001')).toBe('3174********0001');
    expect(maskKpj('21012345678')).toBe('210*****678');
    expect(maskPhone('+62 813-2468-1357')).toBe('0813*****357');
  });

});
