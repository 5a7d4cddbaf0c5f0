// WhatsApp via Baileys (linked device). Loaded only when WHATSAPP_ENABLED=1: importing Baileys costs ~0.9 s.
export { startBaileysAdapter, type BaileysAdapter, type BaileysAdapterOptions, type BaileysStatus, type MakeSocket, type WaSocket } from './adapter.ts';
export { fileAuthStore, type WaAuthStore } from './auth.ts';
export { redisAuthStore, useRedisAuthState, type RedisHashClient } from './redis-auth.ts';
export { createStoreLease, type Lease } from './lease.ts';
export { openWhatsAppAuthStore } from './auth-from-config.ts';
