/** Per-message language: 'en' only when the message is clearly English; anything short or mixed is 'id'. */
import type { Lang } from '../core/types.ts';

// Common English words that are not also common in Indonesian chat (no "ok", "online", "cs", "app", "login").
const EN = new Set(`a an the is are was were be been am i im you your yours my me we our us he she they them it its this that these those
what whats how hows why when where which who whom whose can could would should will shall do does did dont doesnt didnt
cant wont isnt arent wasnt have has had havent not yes yeah yep please pls thanks thank thx hello hey bye goodbye good
morning afternoon evening night there here about with without from into for of to in on at by after before and or but if
so than then also just only want wanna need know tell show give get got make help check claim withdraw withdrawal
balance much many money pay paid payment register registration sign join company employer employee employees worker
workers work job lost lose fired laid off retire retirement pension old age benefit benefits death died dead accident
injury injured hospital heir heirs family child children kids scholarship school house housing home loan mortgage
contribution contributions rate rates percent percentage interest return returns complaint complain report file track
progress office branch number phone call hours open human agent person talk speak someone real simulate simulation
estimate calculate salary wage years year month months monthly health card requirement requirements document documents
needed partial part still yet already long take takes taking forgot account wrong name change new mine own assistant
options option anything else fine great nice cool okay sure able any some all every other kindly hi dear sir madam
weather price football movie million millions thousand billion rupiah born birth birthday date dob salary earn earning earnings`.split(/\s+/));

// Indonesian function words and frequent chat words that never occur in English.
const ID = new Set(`yang dan di ke dari untuk dengan saya aku gue gw sy kamu anda kak min apa apakah gimana bagaimana gmn cara
berapa brp kapan kenapa mengapa dimana mana siapa bisa bs tidak gak ga nggak enggak belum blm sudah udah udh sdh mau ingin pengen
ini itu nya ya sih dong deh nih kok aja saja juga atau tapi kalau kalo klo jadi karena sama ada punya buat tolong mohon terima kasih
makasih halo selamat pagi siang sore malam gimana cek klaim saldo cair cairin cairkan syarat daftar iuran bayar bulan tahun gaji
perusahaan kerja pekerja karyawan kantor cabang nomor jam buka lupa akun lewat online dapat dapet sudah lama masih sampai status
pengaduan komplain lapor meninggal kecelakaan rumah sakit pensiun beasiswa anak istri suami orang tua bapak ibu pak bu mas mbak
kakak adik per persen hari minggu kemarin besok sekarang nanti lagi harus perlu bagaimanakah dong banget bgt yg dgn utk`.split(/\s+/));

/** How many clearly English and clearly Indonesian words a message has. */
export function languageEvidence(text: string): { en: number; id: number } {
  return count(typeof text === 'string' ? wordsOf(text) : []);
}

const wordsOf = (text: string): string[] => text.slice(0, 2000).normalize('NFKC').toLowerCase().replace(/['’]/g, '').match(/[a-z]+/g) ?? [];

function count(words: string[]): { en: number; id: number } {
  let en = 0;
  let id = 0;
  for (const w of words) {
    if (ID.has(w)) id++;
    else if (EN.has(w)) en++;
  }
  return { en, id };
}

export function detectLanguage(text: string): Lang {
  if (typeof text !== 'string' || !text) return 'id';
  const words = wordsOf(text);
  const { en, id } = count(words);
  if (en >= 2 && en > id * 2) return 'en';
  // "thank you", "good morning" and other two-word English messages
  if (en >= 2 && id === 0) return 'en';
  if (en === 1 && id === 0 && words.length >= 2 && words.length <= 3) {
    // a single English marker among unknown words ("withdraw jht?") is not enough unless it is a phrase word
    return /\b(how|what|where|when|why|can|please|thanks|thank|hello)\b/.test(words.join(' ')) ? 'en' : 'id';
  }
  return 'id';
}
