import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { initAuthCreds, proto, type SignalDataSet } from '@whiskeysockets/baileys';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAuthStore, useRedisAuthState } from '../../adapters/whatsapp/baileys/redis-auth.ts';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis) console.warn('skipping Redis auth-state tests: redis-server is not installed (apt-get install -y redis-server)');

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe.skipIf(!hasRedis)('Baileys auth state in Redis', () => {
  let server: ChildProcess;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    const port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    client = createClient({ url: `redis://127.0.0.1:${port}` });
    client.on('error', () => undefined);
    for (let i = 0; ; i++) {
      try {
        await client.connect();
        break;
      } catch (err) {
        if (i > 50) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    server?.kill('SIGTERM');
  });

  it('saves and reloads the credentials with their binary keys', async () => {
    const a = await useRedisAuthState(client, 'test:creds');
    expect(a.state.creds.registered).toBe(false);
    a.state.creds.registered = true;
    a.state.creds.me = { id: '6281234567890:1@s.whatsapp.net', name: 'Jessi' };
    await a.saveCreds();
    const b = await useRedisAuthState(client, 'test:creds');
    expect(b.state.creds.registered).toBe(true);
    expect(b.state.creds.me?.name).toBe('Jessi');
    expect(Buffer.isBuffer(b.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.compare(b.state.creds.noiseKey.private, a.state.creds.noiseKey.private)).toBe(0);
    expect(Buffer.compare(b.state.creds.signedIdentityKey.public, a.state.creds.signedIdentityKey.public)).toBe(0);
    expect(b.state.creds.signedPreKey.keyId).toBe(a.state.creds.signedPreKey.keyId);
  });

  it('keeps every key type Baileys 7 writes, and any new one', async () => {
    const { state } = await useRedisAuthState(client, 'test:keys');
    const kp = initAuthCreds().signedIdentityKey;
    const data: SignalDataSet & Record<string, Record<string, unknown>> = {
      'pre-key': { '1': kp, '2': kp },
      session: { '6281234567890.0': new Uint8Array([1, 2, 3]) },
      'sender-key': { 'group@g.us::6281:0': new Uint8Array([4, 5]) },
      'sender-key-memory': { 'group@g.us': { '6281:0@s.whatsapp.net': true } },
      'app-state-sync-key': { AAAA: { keyData: Buffer.from([9, 9]), fingerprint: { rawId: 7, currentIndex: 1, deviceIndexes: [0, 1] }, timestamp: 1700000000 } },
      'app-state-sync-version': { regular: { version: 3, hash: Buffer.alloc(128, 1), indexValueMap: { abc: { valueMac: Buffer.from([1]) } } } },
      'lid-mapping': { '6281234567890': '123456789012345', '123456789012345_reverse': '6281234567890' },
      'device-list': { '6281234567890': ['0', '12'] },
      tctoken: { '6281234567890@s.whatsapp.net': { token: Buffer.from('tok'), timestamp: '1700000000' } },
      'identity-key': { '6281234567890.0': new Uint8Array([5, 6, 7]) },
      'future-type': { x: { any: 'shape', n: 1 } },
    };
    await state.keys.set(data as SignalDataSet);

    const again = (await useRedisAuthState(client, 'test:keys')).state.keys;
    const preKeys = await again.get('pre-key', ['1', '2', '3']);
    expect(Object.keys(preKeys).sort()).toEqual(['1', '2']);
    expect(Buffer.compare(preKeys['1'].private, kp.private)).toBe(0);
    expect([...(await again.get('session', ['6281234567890.0']))['6281234567890.0']]).toEqual([1, 2, 3]);
    expect([...(await again.get('sender-key', ['group@g.us::6281:0']))['group@g.us::6281:0']]).toEqual([4, 5]);
    expect(await again.get('sender-key-memory', ['group@g.us'])).toEqual({ 'group@g.us': { '6281:0@s.whatsapp.net': true } });
    const sync = (await again.get('app-state-sync-key', ['AAAA'])).AAAA;
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect([...(sync.keyData as Uint8Array)]).toEqual([9, 9]);
    const version = (await again.get('app-state-sync-version', ['regular'])).regular;
    expect(version.version).toBe(3);
    expect(Buffer.isBuffer(version.hash) && version.hash.length).toBe(128);
    expect(await again.get('lid-mapping', ['6281234567890', '123456789012345_reverse'])).toEqual({
      '6281234567890': '123456789012345',
      '123456789012345_reverse': '6281234567890',
    });
    expect(await again.get('device-list', ['6281234567890'])).toEqual({ '6281234567890': ['0', '12'] });
    expect((await again.get('tctoken', ['6281234567890@s.whatsapp.net']))['6281234567890@s.whatsapp.net'].token.toString()).toBe('tok');
    expect([...(await again.get('identity-key', ['6281234567890.0']))['6281234567890.0']]).toEqual([5, 6, 7]);
    const future = await (again.get as (t: string, ids: string[]) => Promise<Record<string, unknown>>)('future-type', ['x']);
    expect(future).toEqual({ x: { any: 'shape', n: 1 } });
    expect(await again.get('session', [])).toEqual({});
  });

  it('deletes a key set to null', async () => {
    const { state } = await useRedisAuthState(client, 'test:del');
    await state.keys.set({ session: { a: new Uint8Array([1]), b: new Uint8Array([2]) } });
    await state.keys.set({ session: { a: null } });
    expect(Object.keys(await state.keys.get('session', ['a', 'b']))).toEqual(['b']);
  });

  it('clears the whole session after a logout', async () => {
    const store = redisAuthStore(client, 'test:clear');
    const first = await store.load();
    first.state.creds.registered = true;
    await first.saveCreds();
    await first.state.keys.set({ 'pre-key': { '1': initAuthCreds().signedIdentityKey } });
    await store.clear();
    const fresh = await store.load();
    expect(fresh.state.creds.registered).toBe(false);
    expect(await fresh.state.keys.get('pre-key', ['1'])).toEqual({});
    expect(await client.exists('test:clear')).toBe(0);
  });
});
