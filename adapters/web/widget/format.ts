/**
 * Message text → DOM nodes. Only two conventions become markup: `*bold*` and https links.
 * Everything else (including any HTML a user or the knowledge base writes) stays literal text:
 * nodes are built with createTextNode/createElement, never innerHTML.
 */
// Inner text starts and ends with a non-space, non-star: a masked name such as "B*** S*****" stays literal.
const BOLD = /\*([^\s*](?:[^*\n]*?[^\s*])?)\*/g;
const LINK = /https:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?)\]}'"]+$/;

function text(parent: Node, s: string): void {
  if (s) parent.appendChild(document.createTextNode(s));
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
    const start = m.index ?? 0;
    appendLinks(parent, s.slice(last, start));
    const b = document.createElement('strong');
    appendLinks(b, m[1]);
    parent.appendChild(b);
    last = start + m[0].length;
  }
  appendLinks(parent, s.slice(last));
}
