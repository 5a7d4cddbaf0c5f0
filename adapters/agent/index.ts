/**
 * The agent console, a channel module: people of the live chat sign in at /agent, take conversations from the
 * queue, answer, hand back, close, transfer; supervisors see /agent/insights. On whenever the handoff is on
 * (HANDOFF_ENABLED); accounts come from AGENT_ACCOUNTS or the store (README "Live chat").
 */
import type { ChannelModule } from '../channel.ts';
import { createAccounts } from './accounts.ts';
import { agentPages } from './pages.ts';
import { agentRouter } from './router.ts';

export const agentChannel: ChannelModule = {
  name: 'agent',
  enabled: (config) => config.HANDOFF_ENABLED,
  mount(app, s) {
    if (!s.handoff) return;
    const accounts = createAccounts({ config: s.config.AGENT_ACCOUNTS, store: s.store });
    app.use(agentPages());
    app.use(
      agentRouter({
        desk: s.handoff,
        accounts,
        store: s.store,
        insights: s.insights,
        logger: s.logger,
        sessionTtlSeconds: s.config.AGENT_SESSION_HOURS * 3600,
        loginAttempts: s.config.AGENT_LOGIN_ATTEMPTS,
        addressLimiter: s.addressLimiter,
      }),
    );
  },
};
