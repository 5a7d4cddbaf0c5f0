/**
 * The assembled bot: the one place where the order of the turn is written down.
 *
 *   observe          counts every turn (rate-limited ones too) and writes the per-turn log line
 *   errorBoundary    a failing turn gets the apology; store/lock failures go on to the edge (503)
 *   rateLimit        per-conversation limit: a polite reply, nothing else runs
 *   session          loads the state under the conversation's lock, saves it after the turn
 *   payload          a tapped button: intent/dialog payloads, or a typed value
 *   normalize        the normalised text every later step reads
 *   recent           (with the live-chat desk) keeps the last few messages for an agent who takes over
 *   language         the reply language
 *   owner            a conversation with a person: the message goes to them, the bot stays quiet
 *   rememberChoices (keeps the reply's buttons) → rememberTopics → handoffRouting → buttons → logout → leadIn → activeDialog → choices → whatIf → repair → understand
 *                    routing: each step answers or passes on (leadIn only strips "halo, makasih, …")
 */
import { createBot, type JessiBot } from '../core/bot.ts';
import type { Middleware } from '../core/compose.ts';
import { errorBoundary } from '../core/steps/error-boundary.ts';
import { language } from '../core/steps/language.ts';
import { normalize } from '../core/steps/normalize.ts';
import { observe } from '../core/steps/observe.ts';
import { owner } from '../core/steps/owner.ts';
import { recent } from '../core/steps/recent.ts';
import { payload } from '../core/steps/payload.ts';
import { rateLimit } from '../core/steps/rate-limit.ts';
import { session } from '../core/steps/session.ts';
import type { Lang } from '../core/types.ts';
import { detectLanguage, languageEvidence } from '../nlu/language.ts';
import { LockTimeoutError, StoreUnavailableError } from '../store/types.ts';
import { activeDialog } from './active-dialog.ts';
import { buttons } from './buttons.ts';
import { choices, rememberChoices } from './choices.ts';
import type { BotDeps, RouteContext } from './deps.ts';
import { handoffGate, handoffRouting } from './handoff.ts';
import { leadIn } from './lead-in.ts';
import { rememberTopics } from './topics.ts';
import { logout } from './logout.ts';
import { repair } from './repair.ts';
import { understand } from './understand.ts';
import { whatIf } from './what-if.ts';

/** The routing chain alone (buttons → lead-in → active dialog → what-if → repair → understand), for tests and for `createJessiBot`. */
export const routingSteps = (opts: { handoffAfterMisses?: number } = {}): Middleware<RouteContext>[] => [rememberChoices(), rememberTopics(), handoffRouting({ afterMisses: opts.handoffAfterMisses ?? 0 }), buttons(), logout(), leadIn(), activeDialog(), choices(), whatIf(), repair(), understand()];

export function createJessiBot(deps: BotDeps): JessiBot {
  const say = (key: string, lang: Lang, params?: Record<string, number>) => deps.kb.message(`core.${key}`, lang, params);
  return createBot<RouteContext>({
    steps: [
      observe(deps.observer, deps.logger),
      errorBoundary({
        logger: deps.logger,
        rethrow: (err) => err instanceof StoreUnavailableError || err instanceof LockTimeoutError,
        apology: (lang) => say('apology', lang),
      }),
      rateLimit(deps.limits.session, (lang, seconds) => say('rate_limited', lang, { seconds })),
      session(deps.store, { ttlSeconds: deps.sessionTtlSeconds }),
      ...(deps.handoff ? [recent<RouteContext>({ keep: 6, chars: 240, now: deps.now })] : []),
      payload(),
      normalize(),
      language({ detect: detectLanguage, evidence: languageEvidence }),
      owner(handoffGate()),
      ...routingSteps({ handoffAfterMisses: deps.handoffAfterMisses }),
    ],
    extend: (base) => Object.assign(base, { deps }),
    emptyReply: (lang) => say('empty', lang),
  });
}
