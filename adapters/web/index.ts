/**
 * The web channel: the embeddable widget (`/widget.js`, the demo page) and the chat API it talks to
 * (`POST /api/chat`, `POST /api/feedback`, and live chat with agents: `/api/chat/stream`, see live.ts). Always on: it is the service's own HTTP API.
 */
import type { ChannelModule } from '../channel.ts';
import { chatRouter, feedbackRouter } from './chat.ts';
import { liveRouter } from './live.ts';
import { createWebRouter } from './router.ts';

export const webChannel: ChannelModule = {
  name: 'web',
  enabled: () => true,
  mount(app, s) {
    const origins = s.config.WIDGET_ORIGINS ? s.config.WIDGET_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : '*';
    app.use(createWebRouter({ widgetOrigins: origins }));
    if (s.handoff) app.use(liveRouter({ desk: s.handoff, sessionIds: s.sessionIds, addressLimiter: s.addressLimiter }));
    app.use(chatRouter({ bot: s.bot, addressLimiter: s.addressLimiter, isReady: s.isReady, sessionIds: s.sessionIds, desk: s.handoff }));
    app.use(feedbackRouter({ addressLimiter: s.addressLimiter, sessionIds: s.sessionIds, isKnownIntent: s.isKnownIntent, record: s.recordFeedback }));
  },
};
