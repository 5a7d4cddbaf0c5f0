import { describe, expect, it } from 'vitest';
import { findDates, parseDate } from '../../src/nlu/entities/date.ts';

const now = new Date('2026-11-24T03:00:00Z');
const iso = (text: string) => parseDate(text, now)?.iso ?? null;

describe('parseDate: day first, as Indonesians write it', () => {
  it.each([
    ['15-06-1990', '1990-06-15'], ['15/6/90', '1990-06-15'], ['15 Juni 1990', '1990-06-15'], ['15 jun 1990', '1990-06-15'],
    ['1990-06-15', '1990-06-15'], ['07/08/1985', '1985-08-07'], ['7-8-1985', '1985-08-07'], ['08/07/1985', '1985-07-08'],
    ['21/06/1988', '1988-06-21'], ['lahir 3 maret 1992', '1992-03-03'], ['June 15, 1990', '1990-06-15'], ['15 June 1990', '1990-06-15'],
    ['15.06.1990', '1990-06-15'], ['15 - 06 - 1990', '1990-06-15'], ['15-Jun-1990', '1990-06-15'], ['1 Agustus 1975', '1975-08-01'],
    ['9 agt 1979', '1979-08-09'], ['2 Nopember 1980', '1980-11-02'], ['tgl lahir saya 12/12/2000 kak', '2000-12-12'],
    ['29/02/2000', '2000-02-29'], ['15031990', '1990-03-15'], ['5/5/05', '2005-05-05'],
  ])('%s → %s', (text, expected) => expect(iso(text)).toBe(expected));

  it('returns the parts as numbers', () => {
    expect(parseDate('07/08/1985', now)).toEqual({ year: 1985, month: 8, day: 7, iso: '1985-08-07' });
  });

  it('two-digit years are 19xx unless that makes the person younger than 15', () => {
    expect(iso('1/1/11')).toBe('2011-01-01');
    expect(iso('1/1/12')).toBe('1912-01-01');
    expect(iso('3/4/75')).toBe('1975-04-03');
  });
});

describe('parseDate: rejected', () => {
  it.each(['31/02/1990', '29/02/1990', '29/02/1900', '13/13/1990', '00/05/1990', '30-04-2031', '25/12/2026', 'besok', '5.000.000', 'ADU-20250930-0007', '06/15/1990'])(
    '%s → null',
    (text) => expect(iso(text)).toBeNull(),
  );

  it('a future date is accepted only when asked for', () => {
    expect(parseDate('25/12/2026', now, { allowFuture: true })?.iso).toBe('2026-12-25');
  });

  it('findDates reports invalid dates too, so they are not read as other numbers', () => {
    expect(findDates('31/02/1990', now)).toMatchObject([{ raw: '31/02/1990', date: null }]);
  });
});
