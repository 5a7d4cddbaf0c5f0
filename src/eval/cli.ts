/** `npm run eval [-- <file.jsonl>]` (default eval/dev.jsonl): routes every line and prints accuracy, per-intent P/R/F1, macro F1, confusions. */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createRouter } from '../nlu/router.ts';
import { evaluate, type Prediction } from './metrics.ts';

const Line = z.object({ text: z.string(), intent: z.string().min(1) });

function pct(x: number): string {
  return (x * 100).toFixed(1) + '%';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  // The public dev set ships with the project (eval/dev.jsonl; for evaluation only, never for training).
  const file = args.find((a) => !a.startsWith('--')) ?? 'eval/dev.jsonl';
  const verbose = args.includes('--all');
  const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const rows = lines.map((l, i) => {
    let raw: unknown;
    try {
      raw = JSON.parse(l);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const r = Line.safeParse(raw);
    if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return r.data;
  });

  const t0 = performance.now();
  const router = await createRouter();
  const trainMs = performance.now() - t0;
  const known = new Set(router.intents());
  const unknownLabels = [...new Set(rows.map((r) => r.intent))].filter((l) => !known.has(l));
  if (unknownLabels.length) console.log(`warning: labels the router cannot return: ${unknownLabels.join(', ')}`);

  // JIT warm-up on text that is not from the file, so the timings show the steady state
  for (let i = 0; i < 300; i++) router.classify(`cek saldo jht saya berapa ${i}`);

  const preds: Prediction[] = [];
  const outcomes = { answer: 0, ask: 0, fallback: 0 };
  const times: number[] = [];
  for (const r of rows) {
    const t = performance.now();
    const res = router.classify(r.text);
    times.push(performance.now() - t);
    outcomes[res.outcome]++;
    preds.push({ text: r.text, gold: r.intent, predicted: res.intent });
    if (verbose && res.intent !== r.intent) console.log(`  ${r.intent} → ${res.intent} (${res.outcome} ${res.confidence}) ${r.text} ⇒ ${res.normalized}`);
  }
  const rep = evaluate(preds);
  times.sort((a, b) => a - b);

  console.log(`\n${file}: ${rep.total} messages, ${router.intents().length} intents`);
  console.log(`top-1 accuracy: ${pct(rep.accuracy)} (${rep.correct}/${rep.total})`);
  console.log(`macro F1:       ${rep.macroF1.toFixed(3)}`);
  console.log(`outcomes:       answer ${outcomes.answer}, ask ${outcomes.ask}, fallback ${outcomes.fallback}`);
  console.log(`training:       ${trainMs.toFixed(0)} ms; classify p50 ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(3)} ms, p99 ${(times[Math.floor(times.length * 0.99)] ?? 0).toFixed(3)} ms`);
  console.log('\nintent                      prec    rec     F1  support');
  for (const m of rep.perLabel) {
    console.log(`${m.label.padEnd(26)} ${m.precision.toFixed(3)}  ${m.recall.toFixed(3)}  ${m.f1.toFixed(3)}  ${String(m.support).padStart(5)}`);
  }
  console.log('\ntop confusions (gold → predicted):');
  if (!rep.confusions.length) console.log('  none');
  for (const c of rep.confusions.slice(0, 25)) {
    console.log(`  ${c.gold} → ${c.predicted}: ${c.count}`);
    for (const t of c.texts) console.log(`      "${t}"`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
