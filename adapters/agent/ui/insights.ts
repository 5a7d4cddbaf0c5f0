/**
 * The supervisor view (/agent/insights): turns per hour by channel, fallback and ask-back rates, handoffs and
 * queue waits (uPlot, served by the service), the busiest intents, the answer feedback, and the unanswered
 * questions ranked, each with "add as a training example of intent X" (a reviewable file, never the live model).
 */
import type { HourStats, InsightsReport } from '../../../src/insights/types.ts';
import { $, call, el, me } from './api.ts';

// The server's own contract (types only: nothing of src/ is bundled).
type Report = InsightsReport;

declare const uPlot: new (opts: object, data: (number | null)[][], target: HTMLElement) => { destroy(): void };

const COLORS = ['#00793f', '#1d4ed8', '#b45309', '#7c3aed', '#be123c', '#0e7490'];
let charts: { destroy(): void }[] = [];

function chart(target: HTMLElement, x: number[], series: { label: string; values: (number | null)[] }[]): void {
  target.replaceChildren();
  const width = Math.max(320, target.clientWidth || 800);
  const opts = {
    width,
    height: 220,
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2 }))],
    axes: [{}, { size: 50 }],
    scales: { x: { time: true } },
  };
  charts.push(new uPlot(opts, [x, ...series.map((s) => s.values)], target));
}

function total(h: HourStats[], f: (s: HourStats) => number): number {
  return h.reduce((a, s) => a + f(s), 0);
}

function render(r: Report): void {
  for (const c of charts) c.destroy();
  charts = [];
  const x = r.hours.map((h) => h.hour / 1000);
  const channels = [...new Set(r.hours.flatMap((h) => Object.keys(h.byChannel)))].sort();
  const turns = total(r.hours, (h) => h.turns);
  const fallbacks = total(r.hours, (h) => h.byOutcome.fallback ?? 0);
  const asks = total(r.hours, (h) => h.byOutcome.ask ?? 0);
  const waits = total(r.hours, (h) => h.queueWaits);
  const up = total(r.hours, (h) => h.feedbackUp);
  const down = total(r.hours, (h) => h.feedbackDown);
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
  $('totals').replaceChildren(
    ...[
      ['Giliran', String(turns)],
      ['Fallback', pct(fallbacks, turns)],
      ['Tanya balik', pct(asks, turns)],
      ['Handoff', String(total(r.hours, (h) => h.handoffs))],
      ['Tunggu antrean rata-rata', waits ? `${Math.round(total(r.hours, (h) => h.queueWaitSum) / waits)} dtk` : '–'],
      ['Membantu / tidak', `${up} / ${down}`],
    ].map(([k, v]) => el('div', { 'data-total': k }, el('b', {}, v), k)),
  );
  chart($('chart-channels'), x, channels.length ? channels.map((c) => ({ label: c, values: r.hours.map((h) => h.byChannel[c] ?? 0) })) : [{ label: 'giliran', values: r.hours.map((h) => h.turns) }]);
  const totals = new Map<string, number>();
  for (const h of r.hours) for (const [k, v] of Object.entries(h.byIntent)) totals.set(k, (totals.get(k) ?? 0) + v);
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k]) => k);
  chart($('chart-intents'), x, top.length ? top.map((k) => ({ label: k, values: r.hours.map((h) => h.byIntent[k] ?? 0) })) : [{ label: 'giliran', values: r.hours.map((h) => h.turns) }]);
  const rate = (h: HourStats, k: string) => (h.turns ? (100 * (h.byOutcome[k] ?? 0)) / h.turns : null);
  chart($('chart-rates'), x, [
    { label: 'fallback %', values: r.hours.map((h) => rate(h, 'fallback')) },
    { label: 'tanya balik %', values: r.hours.map((h) => rate(h, 'ask')) },
  ]);
  chart($('chart-handoffs'), x, [
    { label: 'handoff', values: r.hours.map((h) => h.handoffs) },
    { label: 'tunggu rata-rata (dtk)', values: r.hours.map((h) => (h.queueWaits ? h.queueWaitSum / h.queueWaits : null)) },
  ]);

  const byIntent = totals;
  $('intents').querySelector('tbody')!.replaceChildren(
    ...[...byIntent].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, String(v)))),
  );
  $('feedback').querySelector('tbody')!.replaceChildren(...r.feedback.slice(0, 20).map((f) => el('tr', {}, el('td', {}, f.intent), el('td', {}, String(f.up)), el('td', {}, String(f.down)))));

  $('unanswered').querySelector('tbody')!.replaceChildren(
    ...r.unanswered.map((u) => {
      const select = el('select', { 'aria-label': 'Intent' }, ...r.intents.map((i) => el('option', { value: i }, i)));
      if (u.intent && r.intents.includes(u.intent)) select.value = u.intent;
      const add = el('button', { type: 'button' }, 'Tambahkan');
      const status = el('span', { role: 'status' });
      add.addEventListener('click', async () => {
        const res = await call('POST', 'insights/training', { text: u.text, intent: select.value });
        status.textContent = res.ok ? ' Diusulkan untuk ditinjau editor' : ` ${res.message}`;
        if (res.ok) add.setAttribute('disabled', '');
      });
      return el('tr', {}, el('td', { class: 'q' }, u.text), el('td', {}, String(u.count)), el('td', {}, u.outcome === 'ask' ? `tanya balik${u.intent ? ` (${u.intent})` : ''}` : 'fallback'), el('td', {}, select, add, status));
    }),
  );
}

async function load(): Promise<void> {
  const hours = $<HTMLSelectElement>('hours').value;
  const r = await call<Report>('GET', `insights?hours=${hours}`);
  if (!r.ok) {
    $('denied').hidden = false;
    $('denied').textContent = r.status === 401 ? 'Silakan masuk di konsol dulu.' : r.status === 403 ? 'Halaman ini hanya untuk supervisor.' : r.message;
    $('board').hidden = true;
    return;
  }
  $('denied').hidden = true;
  $('board').hidden = false;
  render(r.body);
}

void (async () => {
  const m = await me();
  if (m) $('me').textContent = m.name;
  $('hours').addEventListener('change', () => void load());
  await load();
})();
