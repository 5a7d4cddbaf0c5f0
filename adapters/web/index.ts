/**
 * The web channel: the embeddable widget (`/widget.js`, the demo page) and the chat API it talks to
 * (`POST /api/chat`, `POST /api/feedback`, and live chat with agents: `/api/chat/stream`, see live.ts). Always on: it is the service's own HTTP API.
 */
import type { ChannelModule } from '../channel.ts';
import { chatRouter, chatTurn, feedbackRouter, type ChatDeps } from './chat.ts';
import { liveRouter } from './live.ts';
import { chatCors, createWebRouter, webCors } from './router.ts';

export const webChannel: ChannelModule = {
  name: 'web',
  enabled: () => true,
  mount(app, s) {
    const origins = s.config.WIDGET_ORIGINS ? s.config.WIDGET_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : '*';
    const chat: ChatDeps = { bot: s.bot, addressLimiter: s.addressLimiter, isReady: s.isReady, sessionIds: s.sessionIds, desk: s.handoff };
    // The CORS check first (createWebRouter), then POST /api/chat, before the rest.
    app.use(createWebRouter({ widgetOrigins: origins }));
    app.use(chatRouter(chat));
    if (s.handoff) app.use(liveRouter({ desk: s.handoff, sessionIds: s.sessionIds, addressLimiter: s.addressLimiter }));
    app.use(feedbackRouter({ addressLimiter: s.addressLimiter, sessionIds: s.sessionIds, isKnownIntent: s.isKnownIntent, record: s.recordFeedback }));
    // Nearly every request is a plain POST /api/chat: served ahead of the app's router (src/http/hot-routes.ts),
    // with the same CORS check and the same turn.
    const cors = chatCors(webCors(origins));
    const turn = chatTurn(chat);
    return {
      hot: [
        {
          method: 'POST',
          path: '/api/chat',
          async handle(req, res, body) {
            if (cors(req, res)) await turn(req, res, body);
          },
        },
      ],
    };
  },
};
