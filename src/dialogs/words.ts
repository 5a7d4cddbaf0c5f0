/** Small closed word lists the dialog engine reacts to, in Indonesian (as typed) and English. */

const CANCEL = /\b(batal(kan)?|cancel|ga+k? jadi|ngga?k? jadi|enggak jadi|tidak jadi|ndak jadi|stop|berhenti|keluar|udahan|sudahi|abort|never ?mind|forget it)\b/;
const MENU = /^\s*(menu|menu utama|main menu|kembali ke menu|back to menu)\s*[.!?]*\s*$/;
const YES = /^\s*(y|ya+|iya+|iy|yes|yup|yep|ok(e|ay)?|sip|betul|benar|bener|sudah benar|udah bener|sudah sesuai|sesuai|lanjut(kan)?|kirim(kan)?|setuju|confirm|correct|submit|send|sure|boleh)\b/;
const NO = /^\s*(t|tdk|tidak|ga+k?|nggak|ngga|enggak|no|nope|bukan|salah|belum|jangan|ubah|ganti|edit|koreksi|perbaiki|revisi|change|modify)\b/;
const RESUME = /\b(lanjut(kan)?|terusin|teruskan|continue|resume)\b/;

/** Cancel words count only in a short message: "klaim saya stop diproses sejak Juli" is a description. */
export const isCancel = (normalized: string): boolean => normalized.split(/\s+/).length <= 6 && CANCEL.test(normalized);
export const isMenu = (normalized: string): boolean => MENU.test(normalized);
export const isYes = (normalized: string): boolean => YES.test(normalized) && !NO.test(normalized);
export const isNo = (normalized: string): boolean => NO.test(normalized);
export const isResume = (normalized: string): boolean => RESUME.test(normalized);

/** "gak tau", "belum tahu", "lupa": the user does not know the value asked for. */
const UNKNOWN = /^\s*(wah\s+|hmm+\s+|aduh\s+)?((ga+k?|nggak|ngga|enggak|tidak|tdk|belum|blm)\s+(tau|tahu|tw|ngerti|yakin|pasti)|lupa|entah(lah)?|don'?t know|not sure|no idea|idk)\b/;
export const isUnknown = (normalized: string): boolean => UNKNOWN.test(normalized);

/** "kalau 20 tahun?", "klo gajinya 9 juta gmn", "what if 25 years" */
const WHAT_IF = /\b(kalau|kalo|klo|klu|kl|jika|jikalau|seandainya|andaikan|misal(nya)?|gimana kalau|bagaimana (jika|kalau)|what if|if|and if|how about|what about)\b/;
/** Follow-ups that change one value of the last result: a correction, "sejak 2016", "pakai hasil 2025". */
const FOLLOW_UP_VALUE = /\b(bukan|salah|ralat|koreksi|actually|sorry|typo|sejak|since|baru (ikut|daftar|gabung|mulai)|just (joined|started)|pakai|pake|gunakan|use (the )?(latest|newest|last|most recent|20\d\d)|ditanggung|(my|the) employer|iuran(nya)? (jp |jht )?(saya|aku|gue|ku)|saya bayar|my (own )?(jp |jht )?contributions?)\b/;
export const isWhatIf = (normalized: string): boolean => WHAT_IF.test(normalized) || FOLLOW_UP_VALUE.test(normalized);
