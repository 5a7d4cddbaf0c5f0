/**
 * #11.2 and #11.5, what the older tests (test/http/security.test.ts) left open: metrics are really served on the
 * internal METRICS_PORT by the server `listen()` builds (and on the public port only with METRICS_TOKEN), and a
 * credentialed /api/messages refuses every serviceUrl outside the Bot Framework's own hosts BEFORE any token
 * check (the refusal names the serviceUrl, not the token).
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedServiceUrl } from '../../adapters/botframework/index.ts';
import { createApp, type JessiApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { freePort } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';

describe('metrics on the internal port (#11.5)', () => {
  let jessi: JessiApp;
  let server: http.Server;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    jessi = await createApp({ PORT: 0, HOST: '127.0.0.1', METRICS_PORT: metricsPort, METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    await jessi.ready;
    server = await jessi.listen();
  });
  afterAll(() => jessi.close());

  it('serves /metrics on METRICS_PORT and nothing else there; the public port has no metrics in any spelling', async () => {
    const pub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${pub}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'halo' }) });
    const m = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(m.status).toBe(200);
    expect(await m.text()).toMatch(/^# HELP /m);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/chat`, { method: 'POST' })).status).toBe(404);
    for (const p of ['/metrics', '/metrics/', '/METRICS', '/Metrics', '/metrics?x=1', '//metrics']) expect((await fetch(pub + p)).status, p).toBe(404);
  });
});

describe('metrics behind METRICS_TOKEN on the public port (#11.5)', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ METRICS_TOKEN: 'm-token-0123456789', RATE_LIMIT_PER_MINUTE: 0 });
  });
  afterAll(() => svc.close());

  it('answers only the exact path with the right bearer token; 404 (not 401) otherwise', async () => {
    const auth = { authorization: 'Bearer m-token-0123456789' };
    expect((await fetch(`${svc.url}/metrics`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${svc.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${svc.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);
    for (const p of ['/metrics/', '/METRICS']) expect((await fetch(svc.url + p, { headers: auth })).status, p).toBe(404);
  });
});

describe('Bot Framework serviceUrl allow-list (#11.2)', () => {
  const defaults = loadConfig({}).BOTFRAMEWORK_SERVICE_HOSTS.split(',');

  it('the default hosts are the Bot Framework and Teams ones only', () => {
    for (const ok of ['https://smba.trafficmanager.net/amer/', 'https://europe.webchat.botframework.com/', 'https://smba.infra.gcc.teams.microsoft.com/'])
      expect(allowedServiceUrl(ok, defaults), ok).toBe(true);
    for (const bad of ['https://smba.evil.example/', 'https://smba.127.0.0.1.nip.io/', 'https://botframework.com.evil.example/', 'http://smba.trafficmanager.net/', 'https://smba.trafficmanager.net:6379/', 'https://localhost/', 'https://127.0.0.1/'])
      expect(allowedServiceUrl(bad, defaults), bad).toBe(false);
  });

  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'x', RATE_LIMIT_PER_MINUTE: 0 });
  });
  afterAll(() => svc?.close());

  it('refuses a foreign serviceUrl for what it is, before looking at the token', async () => {
    for (const serviceUrl of ['https://smba.evil.example', 'http://127.0.0.1:6379', 'https://169.254.169.254/latest/meta-data/']) {
      const r = await fetch(svc.url + '/api/messages', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged' },
        body: JSON.stringify({ type: 'message', id: 'a', channelId: 'msteams', serviceUrl, from: { id: 'u' }, recipient: { id: 'j' }, conversation: { id: 'c' }, text: 'halo' }),
      });
      expect(r.status, serviceUrl).toBe(403);
      expect((await r.json()).error, serviceUrl).toBe('service_url_not_allowed');
    }
  });
});
