/**
 * Bot Framework channel (Azure Bot Service, Teams, Web Chat, Emulator) at POST /api/messages.
 * botbuilder is archived upstream (successor: Microsoft 365 Agents SDK); every botbuilder import stays in
 * this folder. It costs ~1.2 s to import, so it is loaded lazily: `init()` in the background at start-up,
 * or on the first request at the latest. The bot gets the conversation reference with every turn (`replyAddress`);
 * what a live-chat agent writes later is sent with it, proactively (`continueConversationAsync`, adapters/push.ts).
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Bot, Lang, OutMessage } from '../../src/core/types.ts';
import type { HandoffDesk } from '../../src/handoff/types.ts';
import { errorFacts, sendable, startPushDelivery, type PushOutcome } from '../push.ts';
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

export interface BotFrameworkHandlerOptions {
  bot: Bot;
  logger: Logger;
  /** MICROSOFT_APP_ID: when set, incoming tokens are validated and replies are authenticated. Unset = emulator mode. */
  appId?: string;
  /** MICROSOFT_APP_PASSWORD */
  appPassword?: string;
  /** MICROSOFT_APP_TENANT_ID (SingleTenant / UserAssignedMSI) */
  appTenantId?: string;
  /** MICROSOFT_APP_TYPE */
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /**
   * In emulator mode (no app id) anyone may post, and the bot replies to the serviceUrl the post names.
   * By default only loopback serviceUrls are accepted then, so the service cannot be made to call other hosts.
   */
  emulatorServiceUrls?: 'loopback' | 'any';
  /** With credentials: the hosts a reply may go to (BOTFRAMEWORK_SERVICE_HOSTS); https only, default port. */
  serviceHosts?: string[];
  /** The live-chat desk: what agents write is sent to the conversation proactively. */
  handoff?: HandoffDesk;
  /** Catalogue sentences (the agent's name before their text); needed with `handoff`. */
  message?(key: string, lang: Lang, params?: Record<string, string | number>): string | Promise<string>;
  /** Counts live-chat deliveries (jessi_handoff_push_total). */
  observePush?(channel: string, outcome: PushOutcome): void;
}

/** The channel name this adapter gives the bot (the desk keeps it with a handed-off conversation). */
export const BOTFRAMEWORK_CHANNEL = 'botframework';

/** Whether `url` is an https URL on the default port whose host matches one of `patterns`. */
export function allowedServiceUrl(url: string, patterns: string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.port !== '') return false;
  const host = u.hostname.toLowerCase();
  return patterns.some((raw) => {
    const p = raw.trim().toLowerCase();
    if (!p) return false;
    if (p.startsWith('*.')) return host.endsWith(p.slice(1));
    if (p.endsWith('.*')) return host.startsWith(p.slice(0, -1)) && !LOOPBACK.has(host);
    return host === p;
  });
}

export interface BotFrameworkHandler {
  /** Express handler for POST /api/messages (needs a JSON body parser in front). */
  handler: (req: Request, res: Response) => Promise<void>;
  /** Load botbuilder and build the adapter; safe to call many times. */
  init(): Promise<void>;
}

const APOLOGY = 'Maaf, Jessi sedang mengalami gangguan. Silakan coba lagi sebentar lagi.';
const MAX_TEXT = 2000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

// What the handler checks before botbuilder sees the body: malformed input is a 400, never a 500.
const activitySchema = z.looseObject({ type: z.string().min(1).max(64) });
const messageSchema = z.looseObject({
  type: z.literal('message'),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(1024) }),
  recipient: z.looseObject({ id: z.string().max(1024) }).optional(),
  channelId: z.string().max(64).optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
});

// A stored conversation reference is read back like input: only a well-formed one is used.
const referenceSchema = z.looseObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().max(64).optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  user: z.looseObject({ id: z.string().max(1024) }).optional(),
  bot: z.looseObject({ id: z.string().max(1024) }).optional(),
});

/**
 * The way back to this conversation as the desk keeps it: botbuilder's reference without display names (the
 * user's name is personal data the delivery does not need) and without the message it came with.
 */
export function storedReference(ref: Partial<ConversationReference>): string {
  const { serviceUrl, channelId, locale, conversation, user, bot } = ref;
  const { name: _name, ...conv } = conversation ?? ({} as Partial<ConversationReference['conversation']>);
  return JSON.stringify({
    serviceUrl,
    channelId,
    locale,
    conversation: conv,
    ...(user ? { user: { id: user.id, ...(user.role ? { role: user.role } : {}) } } : {}),
    ...(bot ? { bot: { id: bot.id } } : {}),
  });
}

/** `bf:` + hash of channel and conversation id (ids can be long and hold any character). */
export function botFrameworkConversationId(channelId: string | undefined, conversationId: string): string {
  return `bf:${createHash('sha256').update(`${channelId ?? ''}\n${conversationId}`).digest('hex').slice(0, 32)}`;
}

/**
 * `*bold*` (WhatsApp style, the core's only markup) as Markdown `**bold**`; every other star is escaped, so a masked
 * name such as `B*** S*****` stays literal instead of turning into emphasis.
 */
export function toMarkdown(text: string): string {
  const BOLD = /(^|[^*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\w])/g;
  // A star between spaces ("2 * 3") is no emphasis in Markdown and stays; stars touching a word are escaped.
  const esc = (s: string) => s.replace(/\*+/g, (run, at: number) => (/\s|^$/.test(s[at - 1] ?? '') && /\s|^$/.test(s[at + run.length] ?? '') ? run : run.replace(/\*/g, '\\*')));
  let out = '';
  let last = 0;
  for (const m of text.matchAll(BOLD)) {
    const start = m.index! + m[1]!.length;
    out += esc(text.slice(last, start)) + `**${m[2]}**`;
    last = m.index! + m[0].length;
  }
  return out + esc(text.slice(last));
}

/** One bot message as an activity: buttons become suggested actions carrying the payload in `value`. */
export function toActivity(m: OutMessage, userId?: string): Partial<Activity> {
  // Links as markdown links under the text (Teams and Web Chat render them; only https:/tel: reach here).
  const links = (m.links ?? []).map((l) => `[${l.title.replace(/[[\]]/g, '')}](${l.url})`).join(' · ');
  const activity: Partial<Activity> = { type: 'message', text: toMarkdown(m.text) + (links ? `\n\n${links}` : ''), textFormat: 'markdown' };
  if (m.buttons?.length) {
    activity.suggestedActions = {
      to: userId ? [userId] : [],
      actions: m.buttons.map((b) => ({ type: 'messageBack', title: b.title, text: b.title, displayText: b.title, value: { payload: b.payload } })),
    };
  }
  return activity;
}

export function createBotFrameworkHandler(opts: BotFrameworkHandlerOptions): BotFrameworkHandler {
  const log = opts.logger.child({ channel: 'botframework' });
  const emulator = !opts.appId;
  let loading: Promise<{ adapter: CloudAdapter; removeMention: (a: Partial<Activity>) => string; reference: (a: Partial<Activity>) => Partial<ConversationReference> }> | undefined;

  /** Where a reply may go: loopback only without credentials (unless told otherwise), Bot Framework hosts with them. */
  const serviceUrlAllowed = (url: string) =>
    emulator ? opts.emulatorServiceUrls === 'any' || LOOPBACK.has(new URL(url).hostname) : allowedServiceUrl(url, opts.serviceHosts ?? ['*.botframework.com', 'smba.trafficmanager.net', '*.teams.microsoft.com', '*.teams.microsoft.us']);

  const load = () =>
    (loading ??= (async () => {
      const bb = await import('botbuilder');
      const settings = opts.appId
        ? { MicrosoftAppId: opts.appId, MicrosoftAppPassword: opts.appPassword, MicrosoftAppTenantId: opts.appTenantId, MicrosoftAppType: opts.appType ?? 'MultiTenant' }
        : {};
      const credentials = new bb.ConfigurationServiceClientCredentialFactory(settings);
      const adapter = new bb.CloudAdapter(new bb.ConfigurationBotFrameworkAuthentication(settings, credentials));
      adapter.onTurnError = async (_context, err) => {
        log.error({ err: String(err) }, 'bot framework turn failed');
      };
      log.info({ mode: emulator ? 'emulator (no credentials)' : 'authenticated' }, 'bot framework adapter ready');
      return { adapter, removeMention: (a: Partial<Activity>) => bb.TurnContext.removeRecipientMention(a), reference: (a: Partial<Activity>) => bb.TurnContext.getConversationReference(a) };
    })().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));

  async function turn(context: TurnContext, { removeMention, reference }: Awaited<ReturnType<typeof load>>): Promise<void> {
    const a = context.activity;
    const conversationId = botFrameworkConversationId(a.channelId, a.conversation.id);
    const value = a.value as { payload?: unknown } | undefined;
    const payload = typeof value?.payload === 'string' && value.payload ? value.payload.slice(0, 200) : undefined;
    const text = (a.entities?.length ? removeMention(a) : a.text)?.trim().slice(0, MAX_TEXT);
    if (!payload && !text) return;
    const replyAddress = storedReference(reference(a));
    try {
      const out = await opts.bot.handle(payload ? { channel: BOTFRAMEWORK_CHANNEL, conversationId, payload, replyAddress } : { channel: BOTFRAMEWORK_CHANNEL, conversationId, text, replyAddress });
      // While a person has the conversation the bot only says "sent to the agent": nothing goes out then.
      const messages = sendable(out.messages);
      if (messages.length) await context.sendActivities(messages.map((m) => toActivity(m, a.from?.id)));
      log.debug({ conversationId, intent: out.intent.id }, 'bot framework turn answered');
    } catch (err) {
      log.error({ conversationId, err: String(err) }, 'bot framework message not answered');
      await context.sendActivity({ type: 'message', text: APOLOGY }).catch(() => undefined);
    }
  }

  const handler = async (req: Request, res: Response): Promise<void> => {
    const base = activitySchema.safeParse(req.body);
    if (!base.success) return void res.status(400).json({ error: 'invalid_activity', message: 'body must be a Bot Framework activity with a string "type"' });
    // Only messages are answered; other activities (conversationUpdate, typing, ...) are acknowledged.
    if (base.data.type !== 'message') return void res.status(200).end();
    const msg = messageSchema.safeParse(req.body);
    if (!msg.success) return void res.status(400).json({ error: 'invalid_activity', message: msg.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    if (!serviceUrlAllowed(msg.data.serviceUrl)) {
      const message = emulator ? 'without MICROSOFT_APP_ID only a local serviceUrl (emulator) is accepted' : 'serviceUrl is not a Bot Framework host';
      return void res.status(403).json({ error: 'service_url_not_allowed', message });
    }
    // Channels always sign their posts; answer unsigned ones here rather than through botbuilder's stack trace.
    if (!emulator && !req.get('authorization')) return void res.status(401).json({ error: 'unauthorized' });
    let loaded: Awaited<ReturnType<typeof load>>;
    try {
      loaded = await load();
    } catch (err) {
      log.error({ err: String(err) }, 'botbuilder failed to load');
      return void res.status(503).json({ error: 'unavailable', message: 'Bot Framework channel unavailable' });
    }
    try {
      await loaded.adapter.process(req, res, (context) => turn(context, loaded));
    } catch (err) {
      // botbuilder throws on bodies it cannot read; its own auth failures already answered 401.
      log.warn({ err: String(err).slice(0, 200) }, 'bot framework activity rejected');
      if (!res.headersSent) res.status(400).json({ error: 'invalid_activity', message: 'activity could not be processed' });
    }
  };

  // Agents' messages: sent proactively into the conversation by whichever instance claims them first.
  if (opts.handoff && opts.message) {
    void startPushDelivery({
      desk: opts.handoff,
      channel: BOTFRAMEWORK_CHANNEL,
      log,
      message: opts.message,
      observe: opts.observePush,
      send: async (address, text) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(address);
        } catch {
          throw new TypeError('stored conversation reference is not JSON');
        }
        const ref = referenceSchema.safeParse(parsed);
        if (!ref.success) throw new TypeError('stored conversation reference is malformed');
        if (!serviceUrlAllowed(ref.data.serviceUrl)) throw new TypeError('stored serviceUrl is not allowed');
        const { adapter } = await load();
        // Without credentials (emulator) the bot's app id is empty.
        await adapter.continueConversationAsync(opts.appId ?? '', ref.data as unknown as Partial<ConversationReference>, async (ctx) => {
          await ctx.sendActivity(toActivity({ text }));
        });
      },
    }).catch((err: unknown) => log.error(errorFacts(err), 'live-chat delivery not started: agents cannot reach bot framework users'));
  }

  return {
    handler,
    init: async () => {
      await load();
    },
  };
}
