import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { withinOneMinuteWindow } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';

describe('public port (#11.2, #11.5)', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
  }, 60_000);
  afterAll(() => svc.close());

  it('answers 404 on /metrics in every spelling', async () => {
    for (const p of ['/metrics', '/metrics/', '/METRICS']) expect((await fetch(svc.url + p)).status, p).toBe(404);
  });
  it('has /api/messages off without Bot Framework credentials', async () => {
    const r = await fetch(svc.url + '/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message' }) });
    expect(r.status).toBe(404);
  });
});

describe('Bot Framework emulator mode', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ BOTFRAMEWORK_EMULATOR: true, RATE_LIMIT_PER_MINUTE: 2 });
  }, 60_000);
  afterAll(() => svc.close());
  const activity = (serviceUrl: string) => ({ type: 'message', id: 'a1', channelId: 'emulator', serviceUrl, from: { id: 'u' }, recipient: { id: 'j' }, conversation: { id: 'c' }, text: 'halo' });
  const post = (b: unknown) => fetch(svc.url + '/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });

  it('refuses a non-loopback serviceUrl, then rate-limits the address like /api/chat', async () => {
    await withinOneMinuteWindow(); // the three hits must count in one window
    expect((await post(activity('https://evil.example.com'))).status).toBe(403);
    expect((await post(activity('https://evil.example.com'))).status).toBe(403);
    const third = await post(activity('https://evil.example.com'));
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBeTruthy();
  });
});

describe('start-up configuration (#11.5, #11.6, #14.10)', () => {
  it('refuses TRUST_PROXY=true with a clear message', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
  });
  it('refuses production without REDIS_URL or with the default salt, in one message', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/REDIS_URL.*CONVERSATION_KEY_SALT/s);
    expect(() => loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://x:6379', CONVERSATION_KEY_SALT: 'a-real-secret-salt' })).not.toThrow();
    expect(() => loadConfig({})).not.toThrow();
  });
  it('names the missing WhatsApp Cloud variables of a partial configuration', () => {
    expect(() => loadConfig({ WHATSAPP_CLOUD_APP_SECRET: 's', WHATSAPP_CLOUD_ACCESS_TOKEN: 't' })).toThrow(/WHATSAPP_CLOUD_VERIFY_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID/);
  });
});

describe('Bot Framework with credentials', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'x', RATE_LIMIT_PER_MINUTE: 0 });
  }, 60_000);
  afterAll(() => svc.close());
  it('never replies to a loopback port named by the caller (SSRF)', async () => {
    for (const serviceUrl of ['http://127.0.0.1:6379', 'https://localhost:8443', 'https://smba.127.0.0.1.nip.io:9000']) {
      const r = await fetch(svc.url + '/api/messages', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged' },
        body: JSON.stringify({ type: 'message', id: 'a', channelId: 'msteams', serviceUrl, from: { id: 'u' }, recipient: { id: 'j' }, conversation: { id: 'c' }, text: 'halo' }),
      });
      expect(r.status, serviceUrl).toBe(403);
    }
  });
});
