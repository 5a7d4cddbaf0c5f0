import type { JessiApp } from './app.ts';

/**
 * Start the WhatsApp (Baileys) channel when WHATSAPP_ENABLED=1. Baileys is imported only here, so the
 * service does not pay its load time otherwise. Returns the function that stops it.
 */
export async function startWhatsApp(jessi: JessiApp): Promise<() => Promise<void>> {
  const { config, logger, store } = jessi;
  const { startBaileysAdapter, openWhatsAppAuthStore } = await import('../adapters/whatsapp/baileys/index.ts');
  const auth = await openWhatsAppAuthStore({ redisUrl: config.REDIS_URL, redisClusterNodes: config.REDIS_CLUSTER_NODES, authDir: config.WHATSAPP_AUTH_DIR, logger });
  const bot = { handle: async (input: Parameters<Awaited<JessiApp['ready']>['handle']>[0]) => (await jessi.ready).handle(input) };
  const wa = await startBaileysAdapter({
    bot,
    store,
    logger,
    authStore: auth.authStore,
    salt: config.CONVERSATION_KEY_SALT,
    pairingNumber: config.WHATSAPP_PAIRING_NUMBER,
    choicesTtlSeconds: config.SESSION_TTL_SECONDS,
    senderLimit: jessi.whatsappSenderLimit,
    // What live-chat agents write is sent on this connection (adapters/push.ts).
    handoff: jessi.handoff,
    message: jessi.channelServices.message,
    observePush: jessi.channelServices.observePush,
  });
  logger.info('whatsapp adapter started (waiting for the connection lease)');
  return async () => {
    await wa.stop();
    await auth.close();
  };
}
