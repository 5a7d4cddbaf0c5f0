/**
 * Conversation scenarios as data (#10 patterns 1, 2, 6, 7), in Indonesian and English. Each turn says something and
 * may expect an intent and/or a reply (regex over reply text + button titles). `wired: true` marks scenarios that
 * need the lead's routing; `todo` names the function the routing must call.
 */
export interface Turn {
  say: string;
  expectIntent?: string;
  expectText?: RegExp;
  /** the reply must NOT match */
  notText?: RegExp;
}
export interface Scenario {
  name: string;
  lang: 'id' | 'en';
  turns: Turn[];
  wired: boolean;
  todo?: string;
}

const NO_ID_REQUEST = /(kirim|ketik|sebutkan|masukkan|send|type|enter)\b[^.?!\n]{0,40}\b(kpj|nik)\b|kpj anda\?|your kpj\?/i;
const FALLBACK = /belum paham|tidak mengerti|didn't understand|did not understand|not sure what you mean/i;

export const FOLLOW_UPS: Scenario[] = [
  { name: 'JKM: requirements, then duration, stay on JKM', lang: 'id', wired: true, todo: 'detectFollowUp + catalog.target in routing',
    turns: [
      { say: 'apa itu jkm?', expectIntent: 'jkm_info' },
      { say: 'syaratnya apa?', expectIntent: 'jkm_claim', expectText: /akta kematian/i },
      { say: 'berapa lama cairnya?', expectIntent: 'jkm_claim', expectText: /3 hari/ },
    ] },
  { name: 'JKM in English: documents, how long', lang: 'en', wired: true, todo: 'detectFollowUp + catalog.target in routing',
    turns: [
      { say: 'what is the death benefit JKM?', expectIntent: 'jkm_info' },
      { say: 'what documents do I need?', expectIntent: 'jkm_claim', expectText: /death certificate/i },
      { say: 'how long does it take?', expectIntent: 'jkm_claim', expectText: /3 days/ },
    ] },
  { name: 'MLT housing: maximum, term, without KPR', lang: 'id', wired: true, todo: 'detectFollowUp + kb.item in routing',
    turns: [
      { say: 'info pinjaman uang muka rumah dari bpjs tk', expectIntent: 'housing_benefit' },
      { say: 'maksimalnya berapa?', expectIntent: 'housing_benefit', expectText: /150 juta|150\.000\.000/ },
      { say: 'tenornya berapa lama?', expectIntent: 'housing_benefit', expectText: /30 tahun/ },
    ] },
  { name: 'PMI: the fee, then "bayarnya sekaligus?"', lang: 'id', wired: true, todo: 'detectFollowUp + kb.item in routing',
    turns: [
      { say: 'saya mau kerja ke taiwan jadi pmi', expectIntent: 'registration_pmi' },
      { say: 'iurannya berapa?', expectIntent: 'registration_pmi', expectText: /189\.000/ },
    ] },
  { name: 'Jakon: deadline follow-up', lang: 'en', wired: true, todo: 'detectFollowUp + kb.item in routing',
    turns: [
      { say: 'construction project workers bpjs', expectIntent: 'registration_jakon' },
      { say: 'what is the deadline?', expectIntent: 'registration_jakon', expectText: /14 working days/ },
    ] },
  { name: 'JKK: deadline to report', lang: 'id', wired: true,
    turns: [
      { say: 'apa itu jkk', expectIntent: 'jkk_info' },
      { say: 'batas waktu lapornya kapan?', expectIntent: 'jkk_claim', expectText: /2 × 24 jam|2x24|48 jam/ },
    ] },
  { name: 'Returns: "kalau yang syariah?" keeps returns', lang: 'id', wired: true, todo: 'detectFollowUp (variant) + kb.item in routing',
    turns: [
      { say: 'hasil pengembangan jht tahun ini berapa?', expectIntent: 'returns_info' },
      { say: 'kalau yang syariah?', expectIntent: 'returns_info', expectText: /6,79%/ },
    ] },
  { name: 'a named programme switches', lang: 'id', wired: true, todo: 'detectFollowUp + catalog.target in routing',
    turns: [
      { say: 'apa itu jkm?', expectIntent: 'jkm_info' },
      { say: 'kalau jkp syaratnya apa?', expectIntent: 'jkp_info', expectText: /PHK/ },
    ] },
];

export const QUESTION_ASKED: Scenario[] = [
  { name: 'JHT age, resign after 2 years, waiting month', lang: 'id', wired: true, todo: 'kb.item + kb.replyItem in answerFromKnowledge',
    turns: [
      { say: 'jht bisa cair umur berapa?', expectText: /56 tahun/ },
      { say: 'bisa ambil jht kalau baru kerja 2 tahun terus resign?', expectText: /^Bisa/, notText: /10% .*masih bekerja.*syarat/i },
      { say: 'harus nunggu sebulan dulu ya?', expectText: /^Ya\./ },
    ] },
  { name: 'JKM duration in one question', lang: 'id', wired: true, todo: 'kb.item + kb.replyItem in answerFromKnowledge',
    turns: [{ say: 'klaim jkm berapa lama cair?', expectIntent: 'jkm_claim', expectText: /3 hari/, notText: /Buku nikah/ }] },
  { name: 'JHT online, English', lang: 'en', wired: true, todo: 'kb.item + kb.replyItem in answerFromKnowledge',
    turns: [{ say: 'can I claim JHT online?', expectText: /^Yes, you can\./ }] },
  { name: 'after a layoff: when can my JHT be paid out', lang: 'id', wired: true,
    turns: [
      { say: 'min saya kena phk bulan lalu' },
      { say: 'jht saya bisa cair kapan', expectIntent: 'jht_claim_how', expectText: /masa tunggu 1 bulan/, notText: /Ada 3 cara klaim/ },
      { say: 'cairnya kapan', expectIntent: 'jht_claim_how', expectText: /masa tunggu 1 bulan/ },
    ] },
  { name: 'a ride-hailing driver asks whether they can join', lang: 'id', wired: true,
    turns: [
      { say: 'aku freelance ojol, bisa ikut bpjs ga', expectIntent: 'registration_bpu', expectText: /^Bisa\..*BPU/ },
      { say: 'dapat program apa aja', expectText: /JP dan JKP tidak tersedia/ },
    ] },
];

/** The user's own numbers carried into the next question (needs the dialogs: through the bot only). */
export const OWN_NUMBERS: Scenario[] = [
  { name: "the employer's part of my own wage, then another wage (English)", lang: 'en', wired: true,
    turns: [
      { say: 'my salary is 6 million, how much are my bpjs contributions', expectText: /Rp6\.000\.000/ },
      { say: "and the company's part?", expectText: /Paid by the employer.*Rp374\.400/s },
      { say: 'what about 8 million?', expectText: /Rp8\.000\.000.*Rp296\.000/s },
    ] },
  { name: "the employer's share of my own wage ('perusahaannya')", lang: 'id', wired: true,
    turns: [
      { say: 'gaji saya 6 juta, iuran bpjs tk saya berapa sebulan', expectText: /Rp6\.000\.000/ },
      { say: 'bagian perusahaannya berapa', expectText: /ditanggung perusahaan.*Rp374\.400/s },
      { say: 'kalau perusahaannya yang bayar jp berapa', expectText: /Rp120\.000/ },
    ] },
];

export const MULTI_PART: Scenario[] = [
  { name: 'greeting + question answers the question', lang: 'en', wired: true, todo: 'splitLeadIn before classify',
    turns: [{ say: 'Hi! quick question, what is JHT?', expectIntent: 'jht_info', expectText: /JHT/, notText: /did you mean|maksud anda/i }] },
  { name: 'thanks + "satu lagi" answers the second part', lang: 'id', wired: true,
    turns: [
      { say: 'apa itu jkp', expectIntent: 'jkp_info' },
      { say: 'makasih, satu lagi: beasiswa anak itu apa?', expectIntent: 'scholarship', expectText: /beasiswa/i, notText: /sama-sama|you're welcome/i },
    ] },
  { name: 'halo min, mau tanya, …', lang: 'id', wired: true,
    turns: [{ say: 'halo min, mau tanya, cara klaim jht gimana?', expectIntent: 'jht_claim_how', expectText: /JMO/, notText: /maksud anda/i }] },
  { name: 'thanks + "one more" in English', lang: 'en', wired: true, todo: 'splitLeadIn before classify',
    turns: [
      { say: 'what is JKP?', expectIntent: 'jkp_info' },
      { say: 'thanks. one more: how much is the JKK rate for very high risk?', expectText: /1\.74%/, notText: /you're welcome/i },
    ] },
  { name: 'repair acknowledges and offers a person', lang: 'id', wired: true, todo: 'isRepair before classify',
    turns: [
      { say: 'apa itu jkp', expectIntent: 'jkp_info' },
      { say: 'salah, bukan itu yang saya tanya', expectText: /maaf/i, notText: FALLBACK },
    ] },
  { name: 'repair in English', lang: 'en', wired: true, todo: 'isRepair before classify',
    turns: [
      { say: 'what is JKK?', expectIntent: 'jkk_info' },
      { say: "no, that's not what I meant", expectText: /sorry/i, notText: FALLBACK },
    ] },
];

export const IDENTITY: Scenario[] = [
  { name: 'BSU never asks for KPJ/NIK', lang: 'id', wired: true,
    turns: [{ say: 'BSU tahun ini kapan cair?', notText: NO_ID_REQUEST }] },
  { name: 'lost card never asks for KPJ/NIK', lang: 'en', wired: true,
    turns: [{ say: 'I lost my membership card, what should I do?', notText: NO_ID_REQUEST }] },
  { name: 'Dukcapil / BNSP never ask for KPJ/NIK', lang: 'id', wired: true,
    turns: [
      { say: 'cara ubah data di dukcapil gimana?', notText: NO_ID_REQUEST },
      { say: 'sertifikasi BNSP itu apa?', notText: NO_ID_REQUEST },
    ] },
  { name: 'small talk never asks for KPJ/NIK', lang: 'id', wired: true,
    turns: [{ say: 'halo selamat pagi', notText: NO_ID_REQUEST }, { say: 'makasih ya', notText: NO_ID_REQUEST }] },
  { name: 'a claim number is a claim-status question', lang: 'id', wired: true,
    turns: [{ say: 'klaim KLM-2026-000871 sudah sampai mana?', expectIntent: 'claim_status' }] },
  { name: 'a ticket is tracked', lang: 'en', wired: true,
    turns: [{ say: 'status of ticket ADU-20251014-0042', expectIntent: 'complaint_track' }] },
];
