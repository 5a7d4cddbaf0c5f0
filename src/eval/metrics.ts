/** Classification metrics: accuracy, per-label precision/recall/F1, macro F1, confusions. Pure functions. */

export interface Prediction {
  text: string;
  gold: string;
  predicted: string;
}

export interface LabelMetrics {
  label: string;
  support: number;
  predicted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  gold: string;
  predicted: string;
  count: number;
  texts: string[];
}

export interface Report {
  total: number;
  correct: number;
  accuracy: number;
  perLabel: LabelMetrics[];
  /** mean F1 over labels that occur in gold or predictions */
  macroF1: number;
  confusions: Confusion[];
}

export function evaluate(preds: Prediction[]): Report {
  const labels = new Set<string>();
  for (const p of preds) {
    labels.add(p.gold);
    labels.add(p.predicted);
  }
  const perLabel: LabelMetrics[] = [...labels].sort().map((label) => {
    const support = preds.filter((p) => p.gold === label).length;
    const predicted = preds.filter((p) => p.predicted === label).length;
    const tp = preds.filter((p) => p.gold === label && p.predicted === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support, predicted, tp, precision, recall, f1 };
  });
  const byPair = new Map<string, Confusion>();
  for (const p of preds) {
    if (p.gold === p.predicted) continue;
    const key = `${p.gold}\u0000${p.predicted}`;
    const c = byPair.get(key) ?? { gold: p.gold, predicted: p.predicted, count: 0, texts: [] };
    c.count++;
    c.texts.push(p.text);
    byPair.set(key, c);
  }
  const confusions = [...byPair.values()].sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold));
  const correct = preds.filter((p) => p.gold === p.predicted).length;
  return {
    total: preds.length,
    correct,
    accuracy: preds.length ? correct / preds.length : 0,
    perLabel,
    macroF1: perLabel.length ? perLabel.reduce((s, m) => s + m.f1, 0) / perLabel.length : 0,
    confusions,
  };
}
