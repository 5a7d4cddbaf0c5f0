import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { redactPii } from '../../src/observability/redact.ts';

// Demo participants' identifiers (shared/api.md) and typical contact data.
const SECRETS = ['3174011503900001', '3273024708850002', '21012345678', '21098765432', '081234567890', '6281234567890', '0812-3456-7890', '+62 812 3456 7890', 'budi.santoso@example.com', '45.678.900', '128.450.000', '128450000', '45678900', 'tok_abc123secret'];

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines };
}

describe('logger', () => {
  it('writes JSON lines without NIK, KPJ, phone numbers, e-mails, balances or tokens', async () => {
    const { logger, lines } = capture();
    logger.info({ text: 'NIK saya 3174011503900001 dan KPJ 21012345678' }, 'user said');
    logger.info('verify failed for 21098765432 born 1985-08-07');
    logger.info('user %s wrote from %s', '3273024708850002', '+62 812 3456 7890');
    logger.warn({ contact: 'budi.santoso@example.com / 0812-3456-7890', note: 'call 081234567890 or 6281234567890' }, 'complaint');
    logger.info({ jht: { scheme: 'conventional', balance: 45678900 }, reply: 'Saldo JHT Anda Rp45.678.900' }, 'balance shown');
    logger.info({ balance: 128450000, msg2: 'saldo 128.450.000' });
    logger.info({ participantToken: 'tok_abc123secret', headers: { authorization: 'Bearer tok_abc123secret', 'x-participant-token': 'tok_abc123secret' } }, 'status call');
    logger.error({ err: new Error('lookup failed for NIK 3174011503900001') }, 'status error');
    logger.child({ user: '21012345678' }).info('child line');
    await new Promise((r) => setImmediate(r));

    expect(lines.length).toBe(9);
    const all = lines.join('\n');
    for (const s of SECRETS) expect(all, `leaked ${s}`).not.toContain(s);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    const first = JSON.parse(lines[0]);
    expect(first.text).toBe('NIK saya [NIK] dan KPJ [KPJ]');
    expect(first.msg).toBe('user said');
    expect(JSON.parse(lines[4]).jht).toEqual({ scheme: 'conventional', balance: '[AMOUNT]' });
  });

  it('keeps what is not personal: ticket and claim ids, timestamps, sessions, ports', async () => {
    const { logger, lines } = capture();
    logger.info({ ticket: 'ADU-20251014-0042', claimId: 'KLM-2026-000871', asOf: '2026-10-31T00:00:00Z', sessionId: 'sess_AbCdEfGh' }, 'listening on http://127.0.0.1:3000');
    await new Promise((r) => setImmediate(r));
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ ticket: 'ADU-20251014-0042', claimId: 'KLM-2026-000871', asOf: '2026-10-31T00:00:00Z', sessionId: 'sess_AbCdEfGh', msg: 'listening on http://127.0.0.1:3000' });
    expect(typeof line.time).toBe('number');
  });

  it('keeps hashed conversation ids whole even when they hold a long run of digits', async () => {
    const { logger, lines } = capture();
    logger.debug({ conversationId: 'wa:90f47608ace2da76d06e988258862e33', textHash: 'b123456789ac' }, 'whatsapp turn answered');
    logger.info({ note: 'nik 3174011503900001' }, 'x');
    await new Promise((r) => setImmediate(r));
    expect(JSON.parse(lines[0])).toMatchObject({ conversationId: 'wa:90f47608ace2da76d06e988258862e33', textHash: 'b123456789ac' });
    expect(lines[1]).not.toContain('3174011503900001');
  });

  it('writes nothing at level silent', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    createLogger({ level: 'silent', destination }).error('x');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([]);
  });
});

describe('redactPii', () => {
  it.each([
    ['NIK 3174011503900001', 'NIK [NIK]'],
    ['nik: 3174 0115 0390 0001', 'nik: [NIK]'],
    ['kpj 21012345678', 'kpj [KPJ]'],
    ['wa 0812 3456 7890 ya', 'wa [PHONE] ya'],
    ['+62-812-3456-7890', '[PHONE]'],
    ['email budi@mail.co.id', 'email [EMAIL]'],
    ['saldo Rp 45.678.900', 'saldo [AMOUNT]'],
    ['gaji 5,5 juta', 'gaji [AMOUNT]'],
    ['lahir 07/08/1985', 'lahir [DATE]'],
    ['status ADU-20250930-0007?', 'status ADU-20250930-0007?'],
    ['berapa iuran jkk 0,24%', 'berapa iuran jkk 0,24%'],
  ])('%s → %s', (input, expected) => {
    expect(redactPii(input)).toBe(expected);
  });
});
