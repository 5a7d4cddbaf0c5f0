/**
 * Demo data of the sandbox status API (docs/api.md, "Sandbox demo data"). Fictitious people;
 * tests and evaluations outside the project rely on these exact values.
 */
import type { Balance, Claim, Complaint } from '../schemas.ts';

export interface DemoParticipant {
  /** Internal id (never personal data): used in store keys and participant-token records. */
  id: string;
  kpj: string;
  nik: string;
  birthDate: string;
  name: string;
  /** Phone registered with the agency: the one-time code goes there (never shown unmasked). */
  phone: string;
  balance: Balance;
  claims: Claim[];
}

export const DEMO_PARTICIPANTS: readonly DemoParticipant[] = [
  {
    id: 'p1',
    kpj: '21012345678',
    nik: '3174011503900001',
    birthDate: '1990-03-15',
    name: 'Budi Santoso',
    phone: '081234567890',
    balance: { asOf: '2026-10-31', jht: { scheme: 'conventional', balance: 45_678_900 } },
    claims: [
      {
        claimId: 'KLM-2026-000871',
        program: 'JHT',
        submittedAt: '2026-11-02T10:15:00+07:00',
        status: 'verifying',
        statusAt: '2026-11-04T14:30:00+07:00',
        note: 'Dokumen sedang diverifikasi petugas; hasilnya dikabarkan lewat email dan aplikasi JMO.',
      },
    ],
  },
  {
    id: 'p2',
    kpj: '21098765432',
    nik: '3273024708850002',
    birthDate: '1985-08-07',
    name: 'Siti Rahmawati',
    phone: '085698765432',
    balance: { asOf: '2026-10-31', jht: { scheme: 'sharia', balance: 128_450_000 } },
    claims: [],
  },
];

export const DEMO_COMPLAINTS: readonly Complaint[] = [
  {
    ticket: 'ADU-20251014-0042',
    status: 'in_progress',
    category: 'klaim JHT',
    createdAt: '2025-10-14T09:12:00+07:00',
    updatedAt: '2025-10-16T15:40:00+07:00',
    lastUpdate: 'Berkas klaim sedang ditinjau ulang oleh petugas kantor cabang.',
  },
  {
    ticket: 'ADU-20250930-0007',
    status: 'resolved',
    category: 'iuran',
    createdAt: '2025-09-30T13:05:00+07:00',
    updatedAt: '2025-10-03T10:20:00+07:00',
    lastUpdate: 'Iuran yang tertunda sudah masuk ke saldo JHT peserta.',
  },
];

/**
 * "Budi Santoso" → "B*** S*****" (as in the contract): first letter of each word, then one star per further
 * letter, at most five, so long names do not give their length away.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => (w.length ? w[0]!.toUpperCase() + '*'.repeat(Math.min(5, w.length - 1)) : w))
    .join(' ');
}

/** Participant by KPJ or NIK. */
export function findParticipant(identifier: string): DemoParticipant | undefined {
  return DEMO_PARTICIPANTS.find((p) => p.kpj === identifier || p.nik === identifier);
}

export const findDemoComplaint = (ticket: string): Complaint | undefined => DEMO_COMPLAINTS.find((c) => c.ticket === ticket);

/** 081234567890 → 0812****7890. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 4)}${'*'.repeat(Math.max(4, phone.length - 8))}${phone.slice(-4)}`;

/** The sandbox's one-time code for every demo participant (api.md). */
export const SANDBOX_OTP = '123456';
