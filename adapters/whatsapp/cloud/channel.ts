/**
 * The WhatsApp Business Cloud API channel (`GET|POST /webhooks/whatsapp`): on when all four
 * `WHATSAPP_CLOUD_*` settings are given (a partial configuration stops start-up in src/config.ts). Senders are
 * limited per minute; the notice comes from the message catalogue. (Baileys, the other WhatsApp transport, keeps
 * a socket instead of routes: it is started by src/whatsapp.ts.) What live-chat agents write reaches the user
 * through the Graph API (adapters/push.ts).
 */
import type { ChannelModule } from '../../channel.ts';
import { createWhatsAppCloudRouter } from './router.ts';

export const whatsappCloudChannel: ChannelModule = {
  name: 'whatsapp-cloud',
  enabled: (c) => Boolean(c.WHATSAPP_CLOUD_APP_SECRET && c.WHATSAPP_CLOUD_ACCESS_TOKEN && c.WHATSAPP_CLOUD_PHONE_NUMBER_ID && c.WHATSAPP_CLOUD_VERIFY_TOKEN),
  mount(app, s) {
    const c = s.config;
    app.use(createWhatsAppCloudRouter({
      bot: s.bot, store: s.store, logger: s.logger,
      verifyToken: c.WHATSAPP_CLOUD_VERIFY_TOKEN!, appSecret: c.WHATSAPP_CLOUD_APP_SECRET!,
      accessToken: c.WHATSAPP_CLOUD_ACCESS_TOKEN!, phoneNumberId: c.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
      graphBaseUrl: c.WHATSAPP_CLOUD_GRAPH_URL, salt: c.CONVERSATION_KEY_SALT,
      senderLimit: { limiter: s.senderLimiter, notice: (seconds) => s.message('core.rate_limited', 'id', { seconds }) },
      choicesTtlSeconds: c.SESSION_TTL_SECONDS,
      handoff: s.handoff, message: s.message, observePush: s.observePush,
    }));
  },
};
