import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/observability/metrics.ts';

async function serve(app: express.Express) {
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function appWith(metrics = createMetrics()) {
  const app = express();
  app.use(metrics.httpMiddleware);
  app.get('/metrics', metrics.handler);
  app.get('/v1/complaints/:ticket', (req, res) => res.json({ ticket: req.params.ticket }));
  const router = express.Router();
  router.post('/chat', (_req, res) => res.status(400).json({}));
  app.use('/api', router);
  return { app, metrics };
}

describe('metrics', () => {
  it('serves Prometheus text with route templates, not raw URLs', async () => {
    const { app, metrics } = appWith();
    const s = await serve(app);
    try {
      for (const t of ['ADU-20251014-0042', 'ADU-20250930-0007', 'x1']) await fetch(`${s.url}/v1/complaints/${t}`);
      await fetch(`${s.url}/api/chat`, { method: 'POST' });
      await fetch(`${s.url}/nope/123`);
      metrics.turn('web', 'cek_saldo', 'answered');
      metrics.turn('web', 'out_of_scope', 'fallback');
      metrics.turn('whatsapp', 'klaim_jht', 'ask');
      metrics.dialogCompleted('jht_simulation');
      metrics.startStatusCall('balance')('ok');
      metrics.statusError('verify', 'timeout');

      const r = await fetch(`${s.url}/metrics`);
      expect(r.headers.get('content-type')).toContain('text/plain');
      const text = await r.text();
      expect(text).toContain('jessi_http_request_duration_seconds_count{method="GET",route="/v1/complaints/:ticket",status="200"} 3');
      expect(text).toContain('jessi_http_request_duration_seconds_count{method="POST",route="/api/chat",status="400"} 1');
      expect(text).toContain('route="unmatched",status="404"');
      expect(text).not.toContain('ADU-2025');
      expect(text).not.toContain('/nope/123');
      expect(text).toContain('jessi_turns_total{channel="web",intent="cek_saldo",outcome="answered"} 1');
      expect(text).toMatch(/^jessi_fallback_total 1$/m);
      expect(text).toMatch(/^jessi_askback_total 1$/m);
      expect(text).toContain('jessi_dialog_completions_total{dialog="jht_simulation"} 1');
      expect(text).toContain('jessi_status_api_duration_seconds_count{call="balance",outcome="ok"} 1');
      expect(text).toContain('jessi_status_api_errors_total{call="verify",kind="timeout"} 1');
      expect(text).toContain('process_cpu_user_seconds_total');
    } finally {
      await s.close();
    }
  });

  it('keeps separate counts for separate apps in one process', async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.turn('web', 'salam', 'answered');
    one.turn('web', 'salam', 'answered');
    two.turn('web', 'salam', 'answered');
    expect(await one.registry.metrics()).toContain('jessi_turns_total{channel="web",intent="salam",outcome="answered"} 2');
    expect(await two.registry.metrics()).toContain('jessi_turns_total{channel="web",intent="salam",outcome="answered"} 1');
  });
});
