import { openLive, postChat, postFeedback, postTyping, type ChatRequest, type LiveMessage } from './api.ts';
import type { WidgetConfig } from './config.ts';
import { h, thumbIcon } from './dom.ts';
import { appendFormatted, safeLinkHref } from './format.ts';
import { strings, type UiLang } from './i18n.ts';
import { clear, load, save, type Button, type Entry, type Link } from './storage.ts';

/**
 * Build the launcher and chat panel inside `root` and wire them up. Returns open/close for the page.
 * `onLanguage` is called when the user picks the other language in the header (main.ts mounts again).
 */
export function mountWidget(root: ShadowRoot, cfg: WidgetConfig, onLanguage?: (lang: UiLang) => void): { open(): void; close(): void; dispose(): void } {
  const state = load(cfg);
  // The language picked with the header switch wins over data-lang and the page's language; it is also sent as `locale`.
  if (state.lang) cfg = { ...cfg, lang: state.lang, locale: state.lang };
  const t = strings(cfg.lang);
  const timeFmt = new Intl.DateTimeFormat(cfg.lang === 'en' ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit' });
  let busy = false;
  /** Bumped by logout: an answer to a request sent before it is dropped, not added to the new conversation. */
  let generation = 0;

  const wrap = h('div', { class: 'wrap', lang: cfg.lang });
  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'jessi-panel', 'aria-label': t.open },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, 'J'),
    h('span', { class: 'teaser', 'aria-hidden': 'true' }, t.teaser),
  );
  const closeBtn = h('button', { type: 'button', class: 'icon', 'aria-label': t.close, title: t.close }, '×');
  const restartBtn = h('button', { type: 'button', class: 'icon', 'aria-label': t.restart, title: t.restart }, '↻');
  const logoutBtn = h('button', { type: 'button', class: 'logout', 'aria-label': t.logoutLabel, title: t.logoutLabel }, t.logout);
  const langBtn = h('button', { type: 'button', class: 'lang', 'aria-label': `${t.switchTo}: ${t.switchLabel}`, title: t.switchLabel, lang: cfg.lang === 'en' ? 'id' : 'en' }, t.switchTo);
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.log, tabindex: '0' });
  const input = h('input', { type: 'text', 'aria-label': t.input, placeholder: t.placeholder, maxlength: '2000', autocomplete: 'off', enterkeyhint: 'send' });
  const form = h('form', { class: 'compose' }, input, h('button', { type: 'submit', class: 'send', 'aria-label': t.send }, '➤'));
  const panel = h(
    'section',
    { class: 'panel', id: 'jessi-panel', role: 'dialog', 'aria-label': t.panel, hidden: '' },
    h('div', { class: 'head' }, h('span', { class: 'avatar', 'aria-hidden': 'true' }, 'J'), h('div', { class: 'who' }, h('b', {}, 'Jessi'), h('small', {}, t.subtitle)), langBtn, logoutBtn, restartBtn, closeBtn),
    log,
    form,
    h('p', { class: 'privacy' }, t.privacy),
  );
  wrap.append(launcher, panel);
  root.append(wrap);

  const persist = () => save(cfg, state, t.hidden);
  // Only the log scrolls (scrollTop), never scrollIntoView: that would also scroll the page and the panel.
  const scrollDown = () => {
    log.scrollTop = log.scrollHeight;
  };
  /** A new bot answer: bottom if it all fits, else its first line at the top of the log (long answers read from the start). */
  const reveal = (first: HTMLElement) => {
    const top = first.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop - 8;
    const rest = log.scrollHeight - top;
    log.scrollTop = rest > log.clientHeight ? top : log.scrollHeight;
  };

  function linkRow(links: Link[]): HTMLElement | undefined {
    const anchors = links.flatMap((l) => {
      const href = safeLinkHref(l.url);
      if (!href) return [];
      const a = h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, l.title);
      return [a];
    });
    return anchors.length ? h('div', { class: 'links', role: 'group', 'aria-label': t.links }, ...anchors) : undefined;
  }

  function feedbackRow(e: Entry): HTMLElement {
    const row = h('div', { class: 'feedback', role: 'group', 'aria-label': t.feedback });
    const done = () => row.replaceChildren(h('span', { class: 'thanks' }, t.thanksFeedback));
    if (e.vote !== undefined) {
      done();
      return row;
    }
    const vote = (helpful: boolean) => {
      const sessionId = state.sessionId;
      if (!sessionId || !e.intent) return;
      e.vote = helpful;
      persist();
      done();
      // Focus stays in the panel (so Escape still closes it).
      input.focus({ preventScroll: true });
      void postFeedback(cfg.apiUrl, { sessionId, intent: e.intent, helpful });
    };
    const up = h('button', { type: 'button', 'aria-label': t.helpful, title: t.helpful }, thumbIcon());
    const down = h('button', { type: 'button', 'aria-label': t.unhelpful, title: t.unhelpful }, thumbIcon(true));
    up.addEventListener('click', () => vote(true));
    down.addEventListener('click', () => vote(false));
    row.append(h('span', { 'aria-hidden': 'true' }, t.feedbackShort), up, down);
    return row;
  }

  function bubble(e: Pick<Entry, 'from' | 'text' | 'notice' | 'links'> & Partial<Entry>, ts?: number, withFeedback = false): HTMLElement {
    const b = h('div', { class: 'bubble' });
    appendFormatted(b, e.text);
    const who = e.from === 'user' ? t.you : e.from === 'agent' ? `${t.agent} ${e.agentName ?? ''}:` : t.bot;
    const m = h('div', { class: `msg ${e.from === 'agent' ? 'bot agent' : e.from}${e.notice ? ' notice' : ''}` }, h('span', { class: 'sr' }, who), b);
    // A person of the live chat signs their messages (a text node: the name is never markup).
    if (e.from === 'agent') m.prepend(h('span', { class: 'agent-name', 'aria-hidden': 'true' }, `${t.agent} ${e.agentName ?? ''}`.trim()));
    const links = e.from === 'bot' && e.links?.length ? linkRow(e.links) : undefined;
    if (links) m.append(links);
    if (ts) m.append(h('time', { datetime: new Date(ts).toISOString() }, timeFmt.format(ts)));
    if (withFeedback) m.append(feedbackRow(e as Entry));
    log.append(m);
    return m;
  }

  /** 👍/👎 go under the last bubble of each answer (one vote per turn), when the server named its intent. */
  const wantsFeedback = (entries: Entry[], i: number) => {
    const e = entries[i];
    return e.from === 'bot' && !e.notice && !!e.intent && (i === entries.length - 1 || entries[i + 1].from === 'user');
  };

  function quickReplies(buttons: Button[]): void {
    const group = h('div', { class: 'quick', role: 'group', 'aria-label': t.choices });
    for (const b of buttons) {
      const btn = h('button', { type: 'button' }, b.title);
      btn.addEventListener('click', () => {
        // The button goes away with the group: keep the focus in the panel (Escape still closes it), on the text box.
        input.focus({ preventScroll: true });
        void send({ payload: b.payload }, b.title);
      });
      group.append(btn);
    }
    log.append(group);
  }

  const removeAll = (sel: string) => log.querySelectorAll(sel).forEach((n) => n.remove());

  /** The whole log from state: greeting, history, and quick replies under the last message only. */
  function renderAll(): void {
    log.replaceChildren();
    bubble({ from: 'bot', text: cfg.greeting || t.greeting });
    if (!state.entries.length) quickReplies(t.starters.map(([title, payload]) => ({ title, payload })));
    state.entries.forEach((e, i) => bubble(e, e.ts, wantsFeedback(state.entries, i)));
    const last = state.entries[state.entries.length - 1];
    if (last?.buttons?.length) quickReplies(last.buttons);
    scrollDown();
  }

  function add(e: Entry, withFeedback = false): HTMLElement {
    state.entries.push(e);
    const m = bubble(e, e.ts, withFeedback);
    if (e.buttons?.length) quickReplies(e.buttons);
    return m;
  }

  // The live chat: while a person has the conversation, their messages arrive on a server-sent event stream.
  let stopLive: (() => void) | undefined;
  let agentTyping: HTMLElement | undefined;
  let agentTypingTimer: number | undefined;
  let lastTypingSent = 0;
  const hideAgentTyping = () => {
    agentTyping?.remove();
    agentTyping = undefined;
    if (agentTypingTimer) window.clearTimeout(agentTypingTimer);
  };
  const showAgentTyping = () => {
    if (!agentTyping) {
      agentTyping = h('div', { class: 'msg bot agent typing' }, h('div', { class: 'bubble' }, h('span', { class: 'sr' }, t.agentTyping), h('span', { class: 'dot' }), h('span', { class: 'dot' }), h('span', { class: 'dot' })));
      log.append(agentTyping);
      scrollDown();
    }
    if (agentTypingTimer) window.clearTimeout(agentTypingTimer);
    agentTypingTimer = window.setTimeout(hideAgentTyping, 5000);
  };
  const endLive = () => {
    stopLive?.();
    stopLive = undefined;
    hideAgentTyping();
    if (state.live) {
      state.live = undefined;
      persist();
    }
  };
  function onLive(m: LiveMessage): void {
    if (!state.live || m.seq <= state.live.after) return;
    state.live.after = m.seq;
    hideAgentTyping();
    const el = add(m.from === 'agent' ? { from: 'agent', agentName: m.agentName, text: m.text, ts: Date.now(), private: m.private } : { from: 'bot', notice: true, text: m.text, ts: Date.now() });
    persist();
    reveal(el);
  }
  function startLive(): void {
    if (stopLive || !state.sessionId || !state.live) return;
    stopLive = openLive(cfg.apiUrl, state.sessionId, state.live.after, { message: onLive, typing: showAgentTyping, end: endLive });
  }

  async function deliver(req: ChatRequest, sent?: Entry): Promise<void> {
    busy = true;
    const gen = generation;
    const typing = h('div', { class: 'msg bot typing', 'data-typing': '' }, h('div', { class: 'bubble' }, h('span', { class: 'sr' }, t.typing), h('span', { class: 'dot' }), h('span', { class: 'dot' }), h('span', { class: 'dot' })));
    log.append(typing);
    scrollDown();
    const r = await postChat(cfg.apiUrl, { ...req, sessionId: state.sessionId, locale: cfg.locale });
    typing.remove();
    if (gen !== generation) return; // logged out meanwhile
    busy = false;
    if (r.ok) {
      state.sessionId = r.reply.sessionId;
      const priv = r.reply.messages.some((m) => m.private);
      // What the user typed to get personal data (an identifier, a birth date, a code) is not stored either.
      if (priv && sent && state.entries.includes(sent)) sent.private = true;
      let first: HTMLElement | undefined;
      r.reply.messages.forEach((m, i, all) => {
        const last = i === all.length - 1;
        const el = add(
          m.status
            ? { from: 'bot', notice: true, text: m.text, ts: Date.now() }
            : { from: 'bot', text: m.text, ts: Date.now(), buttons: m.buttons?.length ? m.buttons : undefined, links: m.links, intent: r.reply.intent, private: m.private || undefined },
          last && !!r.reply.intent && !m.status,
        );
        first ??= el;
      });
      if (r.reply.live) {
        state.live ??= { after: 0 };
        startLive();
      } else if (state.live) endLive(); // the bot has the conversation again
      persist();
      if (first) reveal(first);
      return;
    } else if (r.kind === 'network') {
      const retry = h('button', { type: 'button' }, t.retry);
      const row = h('div', { class: 'error', role: 'alert' }, h('span', {}, t.failed), retry);
      retry.addEventListener('click', () => {
        input.focus({ preventScroll: true }); // the retry button goes away: keep the focus in the panel
        row.remove();
        void deliver(req, sent);
      });
      log.append(row);
      retry.focus();
    } else {
      add({ from: 'bot', notice: true, text: r.message || (r.kind === 'limited' ? t.busy : t.invalid), ts: Date.now() });
    }
    persist();
    scrollDown();
  }

  async function send(req: ChatRequest, shown: string): Promise<void> {
    if (busy) return;
    removeAll('.quick, .error');
    // Typed into a personal-data dialog (identifier, birth date, code): private before the answer is even known.
    const lastBot = [...state.entries].reverse().find((e) => e.from === 'bot' && !e.notice);
    const sent: Entry = { from: 'user', text: shown, ts: Date.now(), private: lastBot?.private || undefined };
    add(sent);
    persist();
    await deliver(req, sent);
  }

  function setOpen(open: boolean, focus = true): void {
    panel.hidden = !open;
    wrap.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? t.closeLauncher : t.open);
    if (open) {
      state.seen = true;
      launcher.classList.add('compact');
      scrollDown();
      if (focus) input.focus();
    } else if (focus) launcher.focus();
    state.open = open;
    persist();
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    void send({ text }, text);
  });
  input.addEventListener('input', () => {
    // While a person has the conversation, they see that the user is typing (at most every 3 s).
    if (!state.live || !state.sessionId || Date.now() - lastTypingSent < 3000) return;
    lastTypingSent = Date.now();
    postTyping(cfg.apiUrl, state.sessionId);
  });
  launcher.addEventListener('click', () => setOpen(!state.open));
  closeBtn.addEventListener('click', () => setOpen(false));
  restartBtn.addEventListener('click', () => {
    if (busy) return;
    endLive();
    state.sessionId = undefined;
    state.entries = [];
    persist();
    renderAll();
    input.focus();
  });
  logoutBtn.addEventListener('click', () => {
    // Tell the server (it ends the verification), then forget everything here at once, without waiting for its answer.
    const sessionId = state.sessionId;
    if (sessionId) void postChat(cfg.apiUrl, { text: 'keluar', sessionId, locale: cfg.locale });
    generation++;
    busy = false;
    endLive();
    state.sessionId = undefined;
    state.entries = [];
    clear(cfg, state.seen);
    renderAll();
    input.focus();
  });
  panel.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') setOpen(false);
  });
  langBtn.addEventListener('click', () => {
    if (busy) return;
    state.lang = cfg.lang === 'en' ? 'id' : 'en';
    persist();
    onLanguage?.(state.lang);
  });

  if (state.seen) launcher.classList.add('compact');
  renderAll();
  startLive(); // after a reload: the agent's messages sent meanwhile arrive first
  if (state.open) setOpen(true, false);
  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    // Mounted again (the language switch): stop listening here; the new mount resumes from the stored cursor.
    dispose: () => {
      stopLive?.();
      stopLive = undefined;
      hideAgentTyping();
    },
  };
}
