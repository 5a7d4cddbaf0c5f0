import { rm } from 'node:fs/promises';
import { useMultiFileAuthState, type AuthenticationState } from '@whiskeysockets/baileys';

/** Where the WhatsApp session (creds + signal keys) lives. Never inside the repository. */
export interface WaAuthStore {
  /** Load the saved state (or fresh credentials when there is none). Called on every (re)connect. */
  load(): Promise<{ state: AuthenticationState; saveCreds: () => Promise<void> }>;
  /** Forget the session (after WhatsApp logged the device out). */
  clear(): Promise<void>;
  /** Short description for logs (no secrets). */
  readonly describe: string;
}

/** Files in `dir` (Baileys' multi-file layout), for a single instance without Redis. */
export function fileAuthStore(dir: string): WaAuthStore {
  return {
    describe: `files in ${dir}`,
    load: () => useMultiFileAuthState(dir),
    clear: () => rm(dir, { recursive: true, force: true }),
  };
}
