/** The widget's own words, in Indonesian (default) and English. */
export type UiLang = 'id' | 'en';

const id = {
  teaser: 'Hai Sahabat, Saya Jessi!',
  open: 'Hai Sahabat, Saya Jessi! Buka chat',
  closeLauncher: 'Tutup chat Jessi',
  panel: 'Chat dengan Jessi',
  subtitle: 'Asisten virtual BPJS Ketenagakerjaan',
  greeting: 'Hai Sahabat, Saya Jessi! Ada yang bisa saya bantu seputar program BPJS Ketenagakerjaan?',
  log: 'Percakapan dengan Jessi',
  input: 'Tulis pesan',
  placeholder: 'Tulis pesan…',
  send: 'Kirim',
  close: 'Tutup chat',
  restart: 'Mulai percakapan baru',
  logout: 'Keluar',
  logoutLabel: 'Keluar dan hapus percakapan dari browser ini',
  hidden: '[data pribadi disembunyikan]',
  typing: 'Jessi sedang mengetik…',
  failed: 'Gagal mengirim. Coba lagi',
  retry: 'Coba lagi',
  busy: 'Terlalu banyak pesan. Mohon tunggu sebentar lalu coba lagi.',
  invalid: 'Pesan tidak dapat diproses.',
  you: 'Anda:',
  bot: 'Jessi:',
  choices: 'Pilihan jawaban',
  privacy: 'Jangan bagikan password, PIN, atau kode OTP di chat.',
  starters: [
    ['Cara klaim JHT', 'intent:jht_claim_how'],
    ['Cek saldo JHT', 'intent:jht_balance'],
    ['Menu layanan', 'intent:menu'],
  ] as [string, string][],
};

const en: typeof id = {
  teaser: "Hi there, I'm Jessi!",
  open: "Hi there, I'm Jessi! Open chat",
  closeLauncher: 'Close Jessi chat',
  panel: 'Chat with Jessi',
  subtitle: 'BPJS Ketenagakerjaan virtual assistant',
  greeting: "Hi, I'm Jessi! How can I help you with BPJS Ketenagakerjaan programs?",
  log: 'Conversation with Jessi',
  input: 'Type a message',
  placeholder: 'Type a message…',
  send: 'Send',
  close: 'Close chat',
  restart: 'Start a new conversation',
  logout: 'Logout',
  logoutLabel: 'Log out and remove the conversation from this browser',
  hidden: '[personal data hidden]',
  typing: 'Jessi is typing…',
  failed: 'Could not send. Try again',
  retry: 'Try again',
  busy: 'Too many messages. Please wait a moment and try again.',
  invalid: 'The message could not be processed.',
  you: 'You:',
  bot: 'Jessi:',
  choices: 'Suggested replies',
  privacy: 'Never share your password, PIN or OTP code in the chat.',
  starters: [
    ['How to claim JHT', 'intent:jht_claim_how'],
    ['Check JHT balance', 'intent:jht_balance'],
    ['Menu', 'intent:menu'],
  ],
};

export type Strings = typeof id;
export const strings = (lang: UiLang): Strings => (lang === 'en' ? en : id);
