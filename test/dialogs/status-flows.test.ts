import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

describe('verified JHT balance and claim status through /api/chat (embedded sandbox over HTTP)', () => {
  it('asks for KPJ/NIK, then the birth date, then shows the masked name and balance', async () => {
    const s = {};
    let r = await svc.say(s, 'cek saldo jht saya');
    expect(r.intent?.id).toBe('jht_balance');
    expect(r.text).toMatch(/KPJ/);
    expect(r.text).toMatch(/NIK/);
    r = await svc.say(s, '21012345678');
    expect(r.text).toMatch(/lahir/i);
    expect(r.text).not.toMatch(/45\.678\.900/);
    r = await svc.say(s, '15-03-1990');
    // the birth date is no secret: nothing personal yet, a one-time code goes to the registered phone (masked)
    expect(r.text).not.toMatch(/45\.678\.900|Budi|B\*+ S\*+/);
    expect(r.text).toMatch(/OTP/);
    expect(r.text).toMatch(/0812\*+7890/);
    r = await svc.say(s, '123456');
    expect(r.text).toMatch(/Rp45\.678\.900/);
    expect(r.text).toMatch(/B\*+ S\*+/);
    expect(r.text).not.toMatch(/Budi Santoso/);
    expect(r.text).toMatch(/31 Oktober 2026/);
    // verified for the rest of the conversation: claims without asking again
    r = await svc.say(s, 'status klaim saya');
    expect(r.intent?.id).toBe('claim_status');
    expect(r.text).toMatch(/KLM-2026-000871/);
    expect(r.text).toMatch(/sedang diverifikasi/);
  });

  it('reads a day-first date: 07/08/1985 is 7 August (Siti, by NIK, sharia)', async () => {
    const s = {};
    await svc.say(s, 'saldo jht');
    await svc.say(s, 'NIK 3273024708850002');
    let r = await svc.say(s, '07/08/1985');
    expect(r.text).toMatch(/0856\*+5432/);
    r = await svc.say(s, '123456');
    expect(r.text).toMatch(/Rp128\.450\.000/);
    expect(r.text).toMatch(/syariah/);
  });

  it('a wrong birth date gets a neutral "data tidak cocok" and nothing personal', async () => {
    const s = {};
    await svc.say(s, 'mau cek saldo jht');
    await svc.say(s, '3273024708850002');
    const r = await svc.say(s, '08/07/1985');
    expect(r.text).toMatch(/tidak cocok/);
    expect(r.text).not.toMatch(/128\.450|Siti|Rahmawati/i);
  });

  it('locks the birth-date step per person after 3 failures (KPJ and NIK share the count), but the owner still gets a code', async () => {
    const s = {};
    await svc.say(s, 'cek saldo jht');
    for (const d of ['01-01-1991', '02-01-1991', '03-01-1991']) {
      await svc.say(s, '21098765432');
      await svc.say(s, d);
    }
    // the same person by NIK: a 4th wrong date is refused with the lock, nothing personal
    await svc.say(s, 'cek saldo jht');
    await svc.say(s, '3273024708850002');
    let r = await svc.say(s, '04-01-1991');
    expect(r.text).toMatch(/dikunci/);
    expect(r.text).not.toMatch(/128\.450/);
    // the owner, with the right date, is not locked out: the code goes to their own phone
    await svc.say(s, 'cek saldo jht');
    await svc.say(s, '21098765432');
    r = await svc.say(s, '07-08-1985');
    expect(r.text).toMatch(/OTP/);
    expect(r.text).not.toMatch(/128\.450/);
    r = await svc.say(s, '123456');
    expect(r.text).toMatch(/Rp128\.450\.000/);
  });

  it('a NIK and the birth date it encodes reveal nothing; a wrong code neither; 3 wrong codes end the challenge', async () => {
    const s = {};
    await svc.say(s, 'cek saldo jht saya');
    await svc.say(s, '3174011503900001'); // digits 7-12: 150390 = 15 March 1990
    let r = await svc.say(s, '15-03-1990');
    expect(r.text).not.toMatch(/45\.678\.900|Budi|B\*+ S\*+/);
    r = await svc.say(s, '000000');
    expect(r.text).toMatch(/salah/i);
    expect(r.text).not.toMatch(/45\.678\.900/);
    r = await svc.say(s, '111111');
    r = await svc.say(s, '222222');
    expect(r.text).toMatch(/dihentikan|3 kali/);
    expect(r.text).not.toMatch(/45\.678\.900/);
    // the challenge is over: the right code now opens nothing
    r = await svc.say(s, '123456');
    expect(r.text).not.toMatch(/45\.678\.900/);
  });

  it('a participant with no claims is told so', async () => {
    const s = {};
    await svc.say(s, 'klaim saya sudah diproses belum ya');
    await svc.say(s, 'nik 3273024708850002');
    await svc.say(s, '7/8/1985');
    const r = await svc.say(s, '123456');
    expect(r.intent?.id).toBe('claim_status');
    expect(r.text).toMatch(/tidak ada klaim/i);
  });
});

describe('complaints through /api/chat', () => {
  it('tracks a known ticket from the message, case-insensitively', async () => {
    const r = await svc.say({}, 'pengaduan saya adu-20250930-0007 gimana kelanjutannya?');
    expect(r.intent?.id).toBe('complaint_track');
    expect(r.text).toMatch(/ADU-20250930-0007/);
    expect(r.text).toMatch(/selesai/);
  });

  it('asks for the ticket when it is missing, and says "tidak ditemukan" for an unknown one', async () => {
    const s = {};
    let r = await svc.say(s, 'mau cek perkembangan aduan saya');
    expect(r.intent?.id).toBe('complaint_track');
    expect(r.text).toMatch(/ADU-YYYYMMDD-NNNN/);
    r = await svc.say(s, 'ADU-20240229-0913');
    expect(r.text).toMatch(/tidak ditemukan/);
  });

  it('files a complaint (category, description, contact, confirmation) and the ticket is trackable from another conversation', async () => {
    const s = {};
    let r = await svc.say(s, 'saya mau komplain');
    expect(r.intent?.id).toBe('complaint_create');
    expect(r.buttons.map((b) => b.title)).toContain('Iuran');
    r = await svc.say(s, { payload: 'iuran' });
    expect(r.text).toMatch(/jelaskan/i);
    r = await svc.say(s, 'Gaji saya dipotong tiap bulan tapi iurannya tidak masuk ke saldo JHT sejak Juli.');
    expect(r.text).toMatch(/HP|email/i);
    r = await svc.say(s, '0813-2468-1357');
    expect(r.text).toMatch(/Ringkasan/);
    r = await svc.say(s, 'ya, sudah benar');
    const ticket = /ADU-\d{8}-\d{4}/.exec(r.text)?.[0];
    expect(ticket).toBeDefined();
    const t = await svc.say({}, `lacak pengaduan ${ticket}`);
    expect(t.text).toContain(ticket!);
    expect(t.text).not.toMatch(/tidak ditemukan/);
  });

  it('refuses ticket enumeration politely after 5 lookups in one conversation', async () => {
    const s = {};
    let limited = '';
    for (let k = 0; k < 8 && !limited; k++) {
      const r = await svc.say(s, `cek pengaduan ADU-20240101-${1000 + k}`);
      if (/terlalu banyak/.test(r.text)) limited = r.text;
    }
    expect(limited).toMatch(/coba lagi dalam \d+ menit/);
  });
});

describe('verification ends', () => {
  it('with "keluar": personal data needs both factors again, and the token is gone from the state', async () => {
    const s: { id?: string } = {};
    await svc.say(s, 'cek saldo jht saya');
    await svc.say(s, '21012345678');
    await svc.say(s, '15-03-1990');
    let r = await svc.say(s, '123456');
    expect(r.text).toMatch(/45\.678\.900/);
    const state = await svc.jessi.store.get<{ verification?: Record<string, unknown> }>(`session:${s.id}`);
    expect(JSON.stringify(state)).not.toMatch(/participantToken/);
    r = await svc.say(s, 'keluar');
    expect(r.text).toMatch(/sudah keluar/);
    r = await svc.say(s, 'status klaim saya');
    expect(r.text).toMatch(/KPJ|NIK/);
    expect(r.text).not.toMatch(/KLM-2026-000871/);
  });
});

describe('complaint floods are stopped before the agency', () => {
  it('the same contact files at most 3 complaints a day, from any conversation', async () => {
    const local = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
    try {
      const tickets: string[] = [];
      let refused = '';
      for (let k = 0; k < 4; k++) {
        const s = {};
        await local.say(s, 'saya mau komplain');
        await local.say(s, { payload: 'iuran' });
        await local.say(s, `Iuran bulan ${k + 1} tidak masuk ke saldo JHT saya padahal gaji sudah dipotong.`);
        await local.say(s, '0813-2468-1357');
        const r = await local.say(s, 'ya');
        const t = /ADU-\d{8}-\d{4}/.exec(r.text)?.[0];
        if (t) tickets.push(t);
        else refused = r.text;
      }
      expect(tickets).toHaveLength(3);
      expect(refused).toMatch(/batas pengaduan/);
    } finally {
      await local.close();
    }
  });
});

describe('verification is limited by source too', () => {
  it('one conversation cannot try identifier after identifier: past 8 attempts in 15 minutes it is refused', async () => {
    const local = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
    try {
      const s = {};
      let refused = '';
      for (let k = 0; k < 10 && !refused; k++) {
        await local.say(s, 'cek saldo jht saya');
        await local.say(s, `2101111${String(1000 + k)}`);
        const r = await local.say(s, '01-01-1990');
        if (/terlalu banyak percobaan verifikasi/.test(r.text)) refused = r.text;
      }
      expect(refused).toMatch(/coba lagi dalam \d+ menit/);
    } finally {
      await local.close();
    }
  });
});
