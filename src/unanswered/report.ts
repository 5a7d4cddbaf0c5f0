/**
 * `npm run report:unanswered [-- --limit 50] [-- --json]`: the most frequent questions Jessi could not answer.
 * Below them, the 👍/👎 votes per intent (answers voted down most first), so editors see which answers fail people;
 * `--json` prints the unanswered list, `--json --feedback` the votes.
 * Reads them from Redis (REDIS_URL, or REDIS_CLUSTER_NODES for a cluster). The in-memory store of a running instance cannot be read from outside.
 */
import { stripControl } from '../observability/redact.ts';
import { parseArgs } from 'node:util';
import { createRedisClusterStore, createRedisStore } from '../store/redis.ts';
import { parseClusterNodes } from '../config.ts';
import { topUnanswered, type UnansweredEntry } from './store.ts';
import { feedbackByIntent, type FeedbackRow } from './feedback.ts';

function table(rows: UnansweredEntry[]): string {
  if (!rows.length) return 'No unanswered messages recorded yet.';
  const head = ['count', 'outcome', 'lang', 'intent', 'text'];
  const lines = rows.map((r) => [String(r.count), r.outcome, r.lang, stripControl(r.intent ?? '-'), stripControl(r.text)]);
  const widths = head.slice(0, 4).map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  ');
  return [fmt(head), ...lines.map(fmt)].join('\n');
}

function feedbackTable(rows: FeedbackRow[]): string {
  const head = ['down', 'up', 'helpful', 'intent'];
  const lines = rows.map((r) => [String(r.down), String(r.up), `${Math.round((100 * r.up) / (r.up + r.down))}%`, stripControl(r.intent)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ');
  return ['Answer feedback (voted down most first):', fmt(head), ...lines.map(fmt)].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { limit: { type: 'string', short: 'n', default: '20' }, json: { type: 'boolean', default: false }, feedback: { type: 'boolean', default: false }, prefix: { type: 'string' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    console.error('--limit must be a positive integer');
    return 2;
  }
  const url = process.env.REDIS_URL;
  const cluster = process.env.REDIS_CLUSTER_NODES?.trim() ? parseClusterNodes(process.env.REDIS_CLUSTER_NODES) : undefined;
  if (process.env.REDIS_CLUSTER_NODES?.trim() && !cluster) {
    console.error('REDIS_CLUSTER_NODES must be a comma-separated list of host:port');
    return 2;
  }
  if (!url && !cluster) {
    console.error(
      [
        'REDIS_URL is not set (nor REDIS_CLUSTER_NODES).',
        'Unanswered messages are kept in the state store. Without Redis they live in the memory of the running',
        'process and cannot be read from another one. Run the service with REDIS_URL, then:',
        '  REDIS_URL=redis://127.0.0.1:6379 npm run report:unanswered -- --limit 50',
      ].join('\n'),
    );
    return 2;
  }
  const store = cluster
    ? await createRedisClusterStore(cluster, { prefix: values.prefix, connectTimeoutMs: 3000 })
    : await createRedisStore(url!, { prefix: values.prefix, connectTimeoutMs: 3000 });
  try {
    if (!(await store.ping())) {
      console.error(`Redis at ${cluster ? cluster.join(',') : url!.replace(/\/\/[^@/]*@/, '//***@')} is not reachable.`);
      return 1;
    }
    if (values.json && values.feedback) {
      console.log(JSON.stringify(await feedbackByIntent(store), null, 2));
      return 0;
    }
    const rows = await topUnanswered(store, limit);
    if (values.json) {
      console.log(JSON.stringify(rows.map((r) => ({ ...r, text: stripControl(r.text) })), null, 2));
      return 0;
    }
    const votes = await feedbackByIntent(store);
    console.log(votes.length ? `${table(rows)}\n\n${feedbackTable(votes.slice(0, limit))}` : table(rows));
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
