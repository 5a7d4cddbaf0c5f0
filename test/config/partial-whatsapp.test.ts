// A newcomer trap: WhatsApp Cloud half configured (3 of its 4 variables) must stop start-up and name the missing one.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const ALL = {
  WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify',
  WHATSAPP_CLOUD_APP_SECRET: 'secret',
  WHATSAPP_CLOUD_ACCESS_TOKEN: 'token',
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: '12345',
};

describe('partial WhatsApp Cloud configuration', () => {
  it.each(Object.keys(ALL))('without %s the configuration is refused, naming it', (missing) => {
    const env: Record<string, string> = { ...ALL };
    delete env[missing];
    expect(() => loadConfig(env)).toThrow(new RegExp(`missing ${missing}$`, 'm'));
  });

  it('all four (or none) are accepted', () => {
    expect(() => loadConfig(ALL)).not.toThrow();
    expect(() => loadConfig({})).not.toThrow();
  });

  it('npm start stops with exit code 2 and a message naming the missing variable', () => {
    const { WHATSAPP_CLOUD_PHONE_NUMBER_ID: _, ...three } = ALL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, ...three, PORT: '0', LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/WhatsApp Cloud is partly configured: missing WHATSAPP_CLOUD_PHONE_NUMBER_ID/);
    expect(r.stdout).not.toMatch(/listening/);
  });
});
