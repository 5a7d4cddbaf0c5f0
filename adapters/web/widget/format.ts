/**
 * Message text → DOM nodes. Only two conventions become markup: `*bold*` and https links.
 * Everything else (including any HTML a user or the knowledge base writes) stays literal text:
 * nodes are built with createTextNode/createElement, never innerHTML.
 */
// Inner text starts and ends with a non-space, non-star, and the stars do not touch a word or another star:
// a masked name such as "B*** S*****" stays literal.
const BOLD = /(^|[^\p{L}\p{N}_*])\*([^\s*](?:[^*\n]*?[^\s*])?)\*(?![\p{L}\p{N}_*])/gu;
const LINK = /https:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?)\]}'"]+$/;

function text(parent: Node, s: string): void {
  if (s) parent.appendChild(document.createTextNode(s));
}

/** A link's URL as a safe href: https: (no user:password@) or a tel: number; anything else (javascript:, data:…) is null. */
export function safeLinkHref(raw: string): string | null {
  if (/^tel:\+?[0-9][0-9-]{1,19}$/.test(raw)) return raw;
  return safeHref(raw);
}

/** The URL as a safe https href, or null (anything else stays text). */
export function safeHref(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && !u.username && !u.password ? u.href : null;
  } catch {
    return null;
  }
}

function appendLinks(parent: Node, s: string): void {
  let last = 0;
  for (const m of s.matchAll(LINK)) {
    const start = m.index ?? 0;
    const url = m[0].replace(TRAILING, '');
    text(parent, s.slice(last, start));
    const href = safeHref(url);
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      a.textContent = url;
      parent.appendChild(a);
    } else text(parent, url);
    last = start + url.length;
  }
  text(parent, s.slice(last));
}

/** Append `s` to `parent` as text, with *bold* → <strong> and https URLs → links. */
export function appendFormatted(parent: Node, s: string): void {
  let last = 0;
  for (const m of s.matchAll(BOLD)) {
    const start = (m.index ?? 0) + m[1].length;
    appendLinks(parent, s.slice(last, start));
    const b = document.createElement('strong');
    appendLinks(b, m[2]);
    parent.appendChild(b);
    last = (m.index ?? 0) + m[0].length;
  }
  appendLinks(parent, s.slice(last));
}
