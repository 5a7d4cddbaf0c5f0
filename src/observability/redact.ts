/**
 * Personal-data scrubbing for logs and the unanswered-questions store: NIK (16 digits), KPJ (11 digits),
 * Indonesian phone numbers, e-mail addresses, day-first dates (birth dates) and money amounts are replaced
 * by placeholders. Errs on the side of removing: any run of 9 or more digits goes.
 */

export const PLACEHOLDERS = {
  nik: '[NIK]',
  kpj: '[KPJ]',
  phone: '[PHONE]',
  number: '[NUMBER]',
  email: '[EMAIL]',
  amount: '[AMOUNT]',
  date: '[DATE]',
  name: '[NAME]',
  address: '[ADDRESS]',
} as const;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// "Rp 45.678.900", "Rp45.678.900,00", "IDR 1,5 juta", "rp. 500rb"
const RUPIAH = /\b(?:Rp|IDR)\.?\s*\d[\d.,]*(?:\s*(?:juta|jt|ribu|rb|miliar|milyar|M|K)\b)?/gi;
// "5 juta", "1,5 jt", "500 ribu", "2 miliar"
const SPOKEN_AMOUNT = /\b\d+(?:[.,]\d+)?\s*(?:juta|jt|ribu|rb|miliar|milyar)\b/gi;
// 15/03/1990, 7-8-1985 (day first, four-digit year). ISO dates (timestamps in logs) are left alone.
const DATE = /(?<![\d/-])\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}(?![\d/-])/g;
// Digit runs with optional single separators (space, dot, dash), optionally starting with +.
// Not preceded by a digit or dash, so ticket and claim ids (ADU-20251014-0042, KLM-2026-000871) stay.
const DIGIT_RUN = /(?<![\d-])\+?\d(?:[ .-]?\d)+(?!\d)/g;
// 45.678.900 / 128.450.000,00: thousands with dots, as Indonesians write money.
const THOUSANDS = /(?<![\d.:,])[1-9]\d{0,2}(?:\.\d{3})+(?:,\d{1,2})?(?![\d.])/g;
// Kept as they are: ISO dates and timestamps, IPv4 addresses, and hex digests with a letter in them (conversation
// ids "wa:<hmac>", text hashes): a digest is not personal, and cutting digit runs out of it breaks correlation.
const KEEP = /\b(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b|\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;

function classifyDigits(match: string): string | undefined {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 9) return undefined;
  const plus = match.startsWith('+');
  if ((plus || digits.startsWith('62')) && digits.startsWith('628') && digits.length >= 10 && digits.length <= 15) return PLACEHOLDERS.phone;
  if (digits.startsWith('08') && digits.length >= 10 && digits.length <= 13) return PLACEHOLDERS.phone;
  if (digits.length === 16) return PLACEHOLDERS.nik;
  if (digits.length === 11) return PLACEHOLDERS.kpj;
  return PLACEHOLDERS.number;
}

/** Replace personal data in free text with placeholders. */
export function redactPii(text: string): string {
  if (!text || !/[\d@]/.test(text)) return text;
  const kept: string[] = [];
  const shielded = text.replace(/\u0000/g, '').replace(KEEP, (m) => {
    // A bare ISO date in the past century is most likely a birth date.
    if (m.length === 10 && /^\d{4}-/.test(m) && Number(m.slice(0, 4)) < 2011) return PLACEHOLDERS.date;
    return `\u0000${kept.push(m) - 1}\u0000`;
  });
  const out = shielded
    .replace(EMAIL, PLACEHOLDERS.email)
    .replace(RUPIAH, PLACEHOLDERS.amount)
    .replace(SPOKEN_AMOUNT, PLACEHOLDERS.amount)
    .replace(DATE, PLACEHOLDERS.date)
    .replace(THOUSANDS, PLACEHOLDERS.amount)
    .replace(DIGIT_RUN, (m) => classifyDigits(m) ?? m);
  return kept.length ? out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]) : out;
}

/** Keys whose values are secrets or identifiers: replaced whole, whatever their type. */
const SECRET_KEY = /(authorization|token|password|secret|cookie|api[-_]?key|^nik$|^kpj$|identifier|^phone|msisdn|^email$|birth_?date|^dob$|^contact$)/i;
/** Keys whose numeric values are money. */
const MONEY_KEY = /(balance|saldo|amount|nominal|salary|gaji|wage|upah)/i;

/**
 * Deep copy of a log object with secrets and money removed and every string scrubbed. Errors, Dates and
 * Buffers pass through (pino serialises them; the line-level scrub still covers their text).
 */
export function redactObject(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactObject(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEY.test(k) && v !== undefined && v !== null && typeof v !== 'boolean') out[k] = '[REDACTED]';
    else if (MONEY_KEY.test(k) && typeof v === 'number') out[k] = PLACEHOLDERS.amount;
    else out[k] = redactObject(v, depth + 1, seen);
  }
  return out;
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** Scrub every string literal of a serialised JSON line (numbers and structure untouched, so it stays valid JSON). */
export function redactJsonLine(line: string): string {
  if (!/[\d@]/.test(line)) return line;
  return line.replace(JSON_STRING, (lit) => {
    if (!/[\d@]/.test(lit)) return lit;
    const scrubbed = redactPii(lit.slice(1, -1));
    return `"${scrubbed}"`;
  });
}

const MONTHS =
  'jan|januari|january|feb|februari|february|mar|maret|march|apr|april|mei|may|jun|juni|june|jul|juli|july|agu|agt|agustus|aug|august|sep|sept|september|okt|oktober|oct|october|nov|nopember|november|des|desember|dec|december';
// "15 Maret 1990", "15 march 1990", "March 15, 1990", "Maret 1990" (a birth month and year is personal enough)
const MONTH_DATE = new RegExp(
  `\\b(?:\\d{1,2}\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}|(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2})\\b`,
  'gi',
);
// A name after a cue: "nama saya Budi Santoso", "atas nama Siti", "my name is …", "almarhum …".
const NAME_CUE =
  /\b(nama(?:\s+saya|\s+aku|nya)?|atas\s+nama|a\.?\s?n\.|saya\s+bernama|bernama|my\s+name\s+is|name\s*:|i\s+am|i'm|almarhum(?:ah)?|alm\.?|pak|bu|bapak|ibu|mas|mbak|sdr\.?|sdri\.?)\s+((?:[A-Za-z][a-z'’]+)(?:\s+[A-Z][a-z'’]+){0,3})/g;
// Two or more capitalised words in a row ("Budi Santoso"), unless they are words of the domain.
const CAPITALISED_RUN = /\b[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)+\b/g;
const DOMAIN_WORDS = new Set(
  'Jaminan Hari Tua Pensiun Kecelakaan Kerja Kematian Kehilangan Pekerjaan Ketenagakerjaan Kesehatan Bpjs Lapak Asik Jamsostek Bukan Penerima Upah Pekerja Migran Indonesia Jakarta Surabaya Bandung Medan Call Center Kantor Cabang Saya Mohon Tolong Halo Selamat Pagi Siang Sore Malam Terima Kasih Good Morning Hello Thank You Please The What How When Where Why'.split(' '),
);

// A person's address after a cue ("alamat saya …", "tinggal di …", "I live at …"): up to 8 words, to the next
// comma. A bare "alamat" is no cue: "alamat kantor cabang Bekasi dimana?" is a question editors must read.
// Words of the question that end an address: "tinggal di jln mawar 3 bogor mau daftar" keeps "mau daftar".
const ADDRESS_END = 'mau|ingin|pengen|lahir|tolong|mohon|bagaimana|gimana|apakah|apa|bisa|kapan|dan|tapi|born|and|but|how|can|want|please';
const WORDS = (n: number) => `(?:(?!(?:${ADDRESS_END})\\b)[^\\s,;!?]+(?:\\s+|$|(?=[,;!?]))){1,${n}}`;
const ADDRESS_CUE = new RegExp(
  `\\b(alamat\\s+(?:saya|aku|rumah(?:\\s+saya|ku)?|kami|ortu|orang\\s+tua)|alamatku|alamat\\s*:|tinggal\\s+di|berdomisili\\s+di|domisili\\s+(?:saya|di)|i\\s+live\\s+(?:at|in|on)|my\\s+(?:home\\s+)?address(?:\\s+is)?\\s*:?)\\s*${WORDS(8)}`,
  'gi',
);
// A street without a cue: "Jl. Kenanga Raya No. 17", "jln mawar 3", "Gang Haji Ali", "Jalan Cempaka 9".
const STREET = new RegExp(`\\b(?:(?:[Jj]l|[Jj]ln|[Gg]g)\\.?\\s+|(?:Jalan|Gang|Perum|Komplek|Kompleks)\\s+(?=[A-Z0-9]))${WORDS(6)}`, 'g');

/**
 * For free text kept for editors (the unanswered-questions store): personal numbers as in `redactPii`, plus
 * month-name dates, addresses and people's names.
 */
export function redactFreeText(text: string): string {
  return redactPii(text)
    .replace(MONTH_DATE, PLACEHOLDERS.date)
    .replace(ADDRESS_CUE, (m, cue: string) => `${cue} ${PLACEHOLDERS.address}${/\s$/.test(m) ? ' ' : ''}`)
    .replace(STREET, (m) => `${PLACEHOLDERS.address}${/\s$/.test(m) ? ' ' : ''}`)
    .replace(NAME_CUE, (_m, cue: string) => `${cue} [NAME]`)
    .replace(CAPITALISED_RUN, (m) => (m.split(/\s+/).every((w) => DOMAIN_WORDS.has(w)) ? m : '[NAME]'));
}

/** Terminal control characters and escape sequences removed (for text printed to a terminal). */
export const stripControl = (text: string): string =>
  text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b./g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
