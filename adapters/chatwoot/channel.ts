/**
 * The Chatwoot bridge as a channel (`POST /webhooks/chatwoot`): on when CHATWOOT_URL, CHATWOOT_BOT_TOKEN and
 * CHATWOOT_WEBHOOK_SECRET are given (a partial configuration stops start-up in src/config.ts). Jessi is the Agent
 * Bot of a Chatwoot inbox and Chatwoot is the desk (adapters/chatwoot/router.ts; setup in docs/chatwoot.md).
 * Messages per conversation are limited like WhatsApp senders (WHATSAPP_MESSAGES_PER_MINUTE).
 */
import { chatwootEnabled } from '../../src/config.ts';
import type { ChannelModule } from '../channel.ts';
import { createChatwootClient } from './api.ts';
import { createChatwootRouter } from './router.ts';

export const chatwootChannel: ChannelModule = {
  name: 'chatwoot',
  enabled: (c) => chatwootEnabled(c),
  mount(app, s) {
    const c = s.config;
    app.use(
      createChatwootRouter({
        bot: s.bot,
        store: s.store,
        logger: s.logger,
        api: createChatwootClient({ baseUrl: c.CHATWOOT_URL!, token: c.CHATWOOT_BOT_TOKEN! }),
        secret: c.CHATWOOT_WEBHOOK_SECRET!,
        accountId: c.CHATWOOT_ACCOUNT_ID,
        message: (key, lang) => s.message(key, lang),
        returnPhraseLang: (text) => s.returnPhraseLang(text),
        senderLimit: { limiter: s.senderLimiter, notice: (seconds) => s.message('core.rate_limited', 'id', { seconds }) },
        choicesTtlSeconds: c.SESSION_TTL_SECONDS,
      }),
    );
  },
};
