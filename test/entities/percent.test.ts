import { describe, expect, it } from 'vitest';
import { parsePercent } from '../../src/nlu/entities/percent.ts';

describe('parsePercent', () => {
  it.each([
    ['5%', 5, 0.05], ['5 %', 5, 0.05], ['5 persen', 5, 0.05], ['5,5%', 5.5, 0.055], ['2.5 percent', 2.5, 0.025],
    ['naik 3 persen per tahun', 3, 0.03], ['lima persen', 5, 0.05], ['kenaikan tiap tahun 10%', 10, 0.1], ['0%', 0, 0],
  ])('%s → %d', (text, value, fraction) => expect(parsePercent(text)).toMatchObject({ value, fraction }));

  it.each(['5 juta', '10 tahun', 'naik sedikit'])('%s → null', (text) => expect(parsePercent(text)).toBeNull());
});
