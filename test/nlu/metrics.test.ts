import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/metrics.ts';

describe('evaluate', () => {
  const preds = [
    { text: 'a1', gold: 'a', predicted: 'a' },
    { text: 'a2', gold: 'a', predicted: 'a' },
    { text: 'a3', gold: 'a', predicted: 'b' },
    { text: 'b1', gold: 'b', predicted: 'b' },
    { text: 'c1', gold: 'c', predicted: 'b' },
    { text: 'c2', gold: 'c', predicted: 'b' },
  ];
  const rep = evaluate(preds);

  it('computes accuracy', () => {
    expect(rep.total).toBe(6);
    expect(rep.correct).toBe(3);
    expect(rep.accuracy).toBeCloseTo(0.5);
  });

  it('computes per-label precision, recall and F1', () => {
    const a = rep.perLabel.find((m) => m.label === 'a')!;
    expect(a.precision).toBeCloseTo(1);
    expect(a.recall).toBeCloseTo(2 / 3);
    expect(a.f1).toBeCloseTo(0.8);
    const b = rep.perLabel.find((m) => m.label === 'b')!;
    expect(b.precision).toBeCloseTo(1 / 4);
    expect(b.recall).toBeCloseTo(1);
    expect(b.f1).toBeCloseTo(0.4);
    const c = rep.perLabel.find((m) => m.label === 'c')!;
    expect(c.f1).toBe(0);
    expect(rep.macroF1).toBeCloseTo((0.8 + 0.4 + 0) / 3);
  });

  it('lists confusions by count with their texts', () => {
    expect(rep.confusions[0]).toEqual({ gold: 'c', predicted: 'b', count: 2, texts: ['c1', 'c2'] });
    expect(rep.confusions[1]).toEqual({ gold: 'a', predicted: 'b', count: 1, texts: ['a3'] });
  });

  it('handles an empty set', () => {
    expect(evaluate([])).toMatchObject({ total: 0, accuracy: 0, macroF1: 0, confusions: [] });
  });
});
