/**
 * The agent console (/agent): sign in, the queue (live over /agent/api/events), a conversation's transcript,
 * pick up, reply, typing, hand back, close, transfer, mark a complaint urgent. Everything users wrote is put on
 * the page as text nodes (textContent), never as markup.
 */
import { $, call, el, login, me, type Me } from './api.ts';

interface Entry {
  seq: number;
  from: 'user' | 'bot' | 'agent' | 'system';
  text: string;
  at: number;
  agentName?: string;
}
interface Item {
  conversationId: string;
  channel: string;
  owner: string;
  reason: string;
  priority: number;
  position?: number;
  preview: string;
  agentName?: string;
  leftMessage?: boolean;
  ticket?: string;
}
interface Conversation extends Omit<Item, 'preview' | 'position'> {
  queuedAt: number;
}

const REASONS: Record<string, string> = { request: 'diminta pengguna', misunderstood: 'Jessi tidak paham', urgent_complaint: 'pengaduan mendesak', message: 'pesan ditinggalkan' };
const OWNERS = (c: { owner: string; agentName?: string; leftMessage?: boolean }) =>
  c.owner === 'queued' ? 'menunggu' : c.owner.startsWith('agent:') ? `dengan ${c.agentName ?? ''}` : c.leftMessage ? 'pesan ditinggalkan' : c.owner === 'closed' ? 'ditutup' : 'kembali ke Jessi';

let agent: Me;
let selected: string | undefined;
let lastSeq = 0;
let current: Conversation | undefined;
let typingTimer: number | undefined;
let lastTypingSent = 0;

function showLogin(): void {
  $('login').hidden = false;
  $('app').hidden = true;
}

async function start(): Promise<void> {
  const m = await me();
  if (!m) return showLogin();
  agent = m;
  $('login').hidden = true;
  $('app').hidden = false;
  $('me').textContent = `${m.name} (${m.role === 'supervisor' ? 'supervisor' : 'petugas'})`;
  $('logout').hidden = false;
  $('insights-link').hidden = m.role !== 'supervisor';
  await Promise.all([loadQueue(), loadAgents()]);
  listen();
}

async function loadAgents(): Promise<void> {
  const r = await call<{ agents: { id: string; name: string }[] }>('GET', 'agents');
  const sel = $<HTMLSelectElement>('transfer-to');
  sel.replaceChildren(...(r.ok ? r.body.agents.filter((a) => a.id !== agent.id).map((a) => el('option', { value: a.id }, a.name)) : []));
}

async function loadQueue(): Promise<void> {
  const r = await call<{ items: Item[] }>('GET', 'queue');
  if (!r.ok) return r.status === 401 ? showLogin() : undefined;
  const list = $('queue');
  const waiting = r.body.items.filter((i) => i.owner === 'queued').length;
  $('queue-count').textContent = `(${waiting} menunggu)`;
  list.replaceChildren(
    ...r.body.items.map((i) => {
      const head = `${i.position ? `#${i.position} · ` : ''}${i.channel} · ${REASONS[i.reason] ?? i.reason} · ${OWNERS(i)}`;
      const b = el('button', { type: 'button', 'data-id': i.conversationId, 'aria-current': String(i.conversationId === selected) }, el('span', i.priority > 0 ? { class: 'urgent' } : {}, i.priority > 0 ? `MENDESAK ${head}` : head), el('span', { class: 'preview' }, i.preview));
      b.addEventListener('click', () => void open(i.conversationId));
      return el('li', {}, b);
    }),
  );
}

function entryNode(e: Entry): HTMLElement {
  const who = e.from === 'user' ? 'Pengguna' : e.from === 'bot' ? 'Jessi' : e.from === 'agent' ? `Petugas ${e.agentName ?? ''}` : 'Sistem';
  return el('li', { class: e.from, 'data-seq': String(e.seq) }, el('span', { class: 'who' }, who), e.text);
}

function appendEntries(entries: Entry[]): void {
  const t = $('transcript');
  for (const e of entries) {
    if (e.seq <= lastSeq) continue;
    lastSeq = e.seq;
    t.append(entryNode(e));
  }
  t.scrollTop = t.scrollHeight;
}

function renderActions(): void {
  const c = current;
  const mine = !!c && c.owner === `agent:${agent.id}`;
  $('pickup').hidden = !c || !(c.owner === 'queued' || (c.leftMessage && c.owner === 'bot'));
  $('handback').hidden = !mine;
  $('close').hidden = !mine;
  $('transfer-box').hidden = !mine || !$<HTMLSelectElement>('transfer-to').options.length;
  $('reply').hidden = !mine;
  if (c) {
    $('conv-title').textContent = `${c.channel} · ${OWNERS(c)}`;
    $('conv-meta').textContent = `${REASONS[c.reason] ?? c.reason}${c.ticket ? ` · tiket ${c.ticket}` : ''} · sejak ${new Date(c.queuedAt).toLocaleTimeString('id-ID')}`;
  }
}

async function open(id: string): Promise<void> {
  selected = id;
  lastSeq = 0;
  $('transcript').replaceChildren();
  const r = await call<{ conversation: Conversation; entries: Entry[] }>('GET', `conversations/${encodeURIComponent(id)}/transcript`);
  if (!r.ok) return;
  current = r.body.conversation;
  $('empty').hidden = true;
  $('conversation').hidden = false;
  appendEntries(r.body.entries);
  renderActions();
  for (const b of $('queue').querySelectorAll('button')) b.setAttribute('aria-current', String(b.getAttribute('data-id') === id));
}

async function refreshSelected(): Promise<void> {
  if (!selected) return;
  const r = await call<{ conversation: Conversation; entries: Entry[] }>('GET', `conversations/${encodeURIComponent(selected)}/transcript?after=${lastSeq}`);
  if (!r.ok) return;
  current = r.body.conversation;
  appendEntries(r.body.entries);
  renderActions();
}

let queueTimer: number | undefined;
const queueSoon = () => {
  if (queueTimer) window.clearTimeout(queueTimer);
  queueTimer = window.setTimeout(() => void loadQueue(), 150);
};

function listen(): void {
  const es = new EventSource('/agent/api/events');
  const on = (type: string, fn: (e: { conversationId: string; [k: string]: unknown }) => void) =>
    es.addEventListener(type, (ev) => {
      try {
        fn(JSON.parse((ev as MessageEvent<string>).data));
      } catch {
        /* a malformed event is skipped */
      }
    });
  on('message', (e) => {
    queueSoon();
    if (e.conversationId === selected) appendEntries([e.entry as Entry]);
  });
  on('typing', (e) => {
    if (e.conversationId !== selected || e.who !== 'user') return;
    $('user-typing').hidden = false;
    if (typingTimer) window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => ($('user-typing').hidden = true), 5000);
  });
  for (const type of ['queued', 'assigned', 'transferred', 'returned', 'closed'])
    on(type, (e) => {
      queueSoon();
      if (e.conversationId === selected) void refreshSelected();
    });
  es.addEventListener('ready', () => queueSoon()); // after a reconnect: catch up
}

async function act(name: string, body?: unknown): Promise<void> {
  if (!selected) return;
  const r = await call('POST', `conversations/${encodeURIComponent(selected)}/${name}`, body);
  if (!r.ok) $('reply-error').textContent = r.message;
  await refreshSelected();
  queueSoon();
}

$('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target as HTMLFormElement);
  const r = await login(String(f.get('id') ?? ''), String(f.get('password') ?? ''));
  if (!r.ok) {
    $('login-error').textContent = r.message;
    return;
  }
  $('login-error').textContent = '';
  (ev.target as HTMLFormElement).reset();
  await start();
});
$('logout').addEventListener('click', async () => {
  await call('POST', 'logout');
  location.reload();
});
$('pickup').addEventListener('click', () => void act('pickup'));
$('handback').addEventListener('click', () => void act('handback'));
$('close').addEventListener('click', () => void act('close'));
$('transfer').addEventListener('click', () => void act('transfer', { to: $<HTMLSelectElement>('transfer-to').value }));
$('reply').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const area = (ev.target as HTMLFormElement).elements.namedItem('text') as HTMLTextAreaElement;
  const text = area.value.trim();
  if (!text) return;
  $('reply-error').textContent = '';
  const r = await call<{ entry: Entry }>('POST', `conversations/${encodeURIComponent(selected ?? '')}/reply`, { text });
  if (!r.ok) {
    $('reply-error').textContent = r.message;
    return;
  }
  area.value = '';
  appendEntries([r.body.entry]);
});
$('reply').querySelector('textarea')?.addEventListener('input', () => {
  if (!selected || Date.now() - lastTypingSent < 3000) return;
  lastTypingSent = Date.now();
  void call('POST', `conversations/${encodeURIComponent(selected)}/typing`);
});
$('urgent').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const form = ev.target as HTMLFormElement;
  const ticket = String(new FormData(form).get('ticket') ?? '').trim();
  const r = await call<{ conversationId: string }>('POST', 'urgent', { ticket });
  $('urgent-result').textContent = r.ok ? 'Ditandai mendesak: percakapan masuk antrean paling depan.' : r.message;
  if (r.ok) form.reset();
  queueSoon();
});

void start();
