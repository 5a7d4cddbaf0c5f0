/**
 * Follow-up questions lean on the previous topic: after "ojol bisa daftar?" the question "terus iurannya
 * berapa?" is about BPU contributions, and after "apa itu jkp" the question "cara klaimnya gimana?" is about
 * JKP. When a message names no program itself, a generic aspect (claim, info, contribution, requirements) is
 * mapped onto the program the conversation is about.
 */
type Program = 'jht' | 'jp' | 'jkk' | 'jkm' | 'jkp' | 'bpu' | 'pu';

const PROGRAM_OF: Record<string, Program> = {
  jht_info: 'jht', jht_claim_how: 'jht', jht_claim_requirements: 'jht', jht_claim_partial: 'jht', jht_balance: 'jht', jht_simulation: 'jht',
  jp_info: 'jp', jp_claim: 'jp', jp_simulation: 'jp',
  jkk_info: 'jkk', jkk_claim: 'jkk', jkk_facility: 'jkk',
  jkm_info: 'jkm', jkm_claim: 'jkm',
  jkp_info: 'jkp', jkp_claim: 'jkp',
  registration_bpu: 'bpu', contribution_bpu: 'bpu',
  registration_pu: 'pu', contribution_rates: 'pu',
};

type Aspect = 'claim' | 'info' | 'contribution';
const ASPECT_OF: Record<string, Aspect> = {
  jht_claim_how: 'claim', jp_claim: 'claim', jkk_claim: 'claim', jkm_claim: 'claim', jkp_claim: 'claim',
  jht_info: 'info', jp_info: 'info', jkk_info: 'info', jkm_info: 'info', jkp_info: 'info',
  contribution_rates: 'contribution', contribution_bpu: 'contribution',
};

const TARGET: Record<Aspect, Partial<Record<Program, string>>> = {
  claim: { jht: 'jht_claim_how', jp: 'jp_claim', jkk: 'jkk_claim', jkm: 'jkm_claim', jkp: 'jkp_claim' },
  info: { jht: 'jht_info', jp: 'jp_info', jkk: 'jkk_info', jkm: 'jkm_info', jkp: 'jkp_info' },
  contribution: { bpu: 'contribution_bpu', pu: 'contribution_rates' },
};

/** Words that name a program or segment: when present, the message is not a bare follow-up. */
const NAMES_PROGRAM =
  /\b(jht|hari tua|jp|pensiun|pension|jkk|kecelakaan|accident|jkm|kematian|meninggal|death|jkp|phk|kehilangan pekerjaan|job loss|bpu|mandiri|ojol|driver|freelance|pekerja informal|bukan penerima upah|karyawan|pekerja penerima upah|perusahaan|employee|pu)\b/;

/** Follow-up cue words: "terus", "lalu", "kalau", "and", "then"... or a short question. */
const FOLLOW_UP = /^(terus|trus|trs|lalu|lantas|kalau|kalo|klo|gimana|bagaimana|nah|oh|oke|ok|and|then|so|how about|what about)\b/;

/** `text` is the turn's normalised text. */
export function followUpIntent(predicted: string, lastIntent: string | undefined, text: string): string {
  if (!lastIntent) return predicted;
  const program = PROGRAM_OF[lastIntent];
  const aspect = ASPECT_OF[predicted];
  if (!program || !aspect) return predicted;
  const t = text;
  if (NAMES_PROGRAM.test(t)) return predicted;
  const words = t.split(/\s+/).filter(Boolean).length;
  if (!FOLLOW_UP.test(t) && words > 6) return predicted;
  return TARGET[aspect][program] ?? predicted;
}

/**
 * Among close candidates (an ask-back), the one the conversation's topic points to: the candidate a follow-up
 * maps to ("iuran" after BPU → contribution_bpu), or the previous intent itself. Undefined when the topic says
 * nothing, and only a candidate is ever chosen.
 */
export function contextChoice(candidates: string[], lastIntent: string | undefined, text: string): string | undefined {
  const pick = candidates.map((c) => followUpIntent(c, lastIntent, text)).find((mapped, k) => mapped !== candidates[k] || mapped === lastIntent);
  return pick && candidates.includes(pick) ? pick : undefined;
}
