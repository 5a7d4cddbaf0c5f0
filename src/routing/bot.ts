/**
 * The assembled bot: the one place where the order of the turn is written down.
 *
 *   observe          counts every turn (rate-limited ones too) and writes the per-turn log line
 *   errorBoundary    a failing turn gets the apology; store/lock failures go on to the edge (503)
 *   rateLimit        per-conversation limit: a polite reply, nothing else runs
 *   session          loads the state under the conversation's lock, saves it after the turn
 *   payload          a tapped button: intent/dialog payloads, or a typed value
 *   normalize        the normalised text every later step reads
 *   language         the reply language
 *   rememberChoices (keeps the reply's buttons) → buttons → leadIn → activeDialog → choices → whatIf → repair → understand
 *                    routing: each step answers or passes on (leadIn only strips "halo, makasih, …")
 */
import { createBot, type JessiBot } from '../core/bot.ts';
import type { Middleware } from '../core/compose.ts';
import { errorBoundary } from '../core/steps/error-boundary.ts';
import { language } from '../core/steps/language.ts';
import { normalize } from '../core/steps/normalize.ts';
import { observe } from '../core/steps/observe.ts';
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
import { leadIn } from './lead-in.ts';
import { repair } from './repair.ts';
import { understand } from './understand.ts';
import { whatIf } from './what-if.ts';

const texts = {
  rateLimited: (lang: Lang, s: number) =>
    lang === 'en'
      ? `Sorry, too many messages in a short time. Please try again in ${s} seconds.`
      : `Maaf, pesan Anda terlalu banyak dalam waktu singkat. Silakan coba lagi dalam ${s} detik.`,
  apology: (lang: Lang) =>
    lang === 'en'
      ? 'Sorry, something went wrong on our side. Please try again in a moment.'
      : 'Maaf, terjadi gangguan di sistem kami. Silakan coba lagi sebentar lagi.',
  empty: (lang: Lang) => (lang === 'en' ? 'Sorry, please try again.' : 'Maaf, silakan coba lagi.'),
};

/** The routing chain alone (buttons → lead-in → active dialog → what-if → repair → understand), for tests and for `createJessiBot`. */
export const routingSteps = (): Middleware<RouteContext>[] => [rememberChoices(), buttons(), leadIn(), activeDialog(), choices(), whatIf(), repair(), understand()];

export function createJessiBot(deps: BotDeps): JessiBot {
  return createBot<RouteContext>({
    steps: [
      observe(deps.observer, deps.logger),
      errorBoundary({
        logger: deps.logger,
        rethrow: (err) => err instanceof StoreUnavailableError || err instanceof LockTimeoutError,
        apology: texts.apology,
      }),
      rateLimit(deps.limits.session, texts.rateLimited),
      session(deps.store, { ttlSeconds: deps.sessionTtlSeconds }),
      payload(),
      normalize(),
      language({ detect: detectLanguage, evidence: languageEvidence }),
      ...routingSteps(),
    ],
    extend: (base) => Object.assign(base, { deps }),
    emptyReply: texts.empty,
  });
}
