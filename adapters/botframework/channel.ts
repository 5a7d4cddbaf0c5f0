/**
 * The Bot Framework channel (`POST /api/messages`): on with `MICROSOFT_APP_ID` (tokens validated), or with
 * `BOTFRAMEWORK_EMULATOR=1` for the local Emulator (unauthenticated, loopback serviceUrl only, said loudly at
 * start). The same per-address limit as the chat API. botbuilder itself loads once the core is ready. What
 * live-chat agents write reaches the conversation proactively (adapters/push.ts).
 */
import { clientAddress } from '../../src/http/client-address.ts';
import { sendError } from '../../src/http/errors.ts';
import type { ChannelModule } from '../channel.ts';
import { createBotFrameworkHandler } from './index.ts';

export const botFrameworkChannel: ChannelModule = {
  name: 'botframework',
  enabled: (config) => Boolean(config.MICROSOFT_APP_ID) || config.BOTFRAMEWORK_EMULATOR,
  mount(app, s) {
    const { config, logger } = s;
    const bf = createBotFrameworkHandler({
      bot: s.bot, appId: config.MICROSOFT_APP_ID, appPassword: config.MICROSOFT_APP_PASSWORD, appTenantId: config.MICROSOFT_APP_TENANT_ID,
      appType: config.MICROSOFT_APP_TYPE, logger, serviceHosts: config.BOTFRAMEWORK_SERVICE_HOSTS.split(','),
      handoff: s.handoff, message: s.message, observePush: s.observePush,
    });
    app.post('/api/messages', async (req, res, next) => {
      try {
        const limit = await s.addressLimiter.hit(clientAddress(req));
        if (!limit.allowed) return sendError(res, 429, 'rate_limited', 'Terlalu banyak permintaan; coba lagi nanti. (Too many requests; retry later.)', limit.retryAfterSeconds);
        await bf.handler(req, res);
      } catch (e) {
        next(e);
      }
    });
    if (!config.MICROSOFT_APP_ID) logger.warn('BOTFRAMEWORK_EMULATOR=1: /api/messages accepts UNAUTHENTICATED activities (loopback serviceUrl only); never in production');
    // botbuilder costs about a second to import: loaded after the core is ready.
    return { ready: () => bf.init().catch((err: unknown) => logger.warn({ err: String(err) }, 'bot framework adapter failed to load')) };
  },
};
