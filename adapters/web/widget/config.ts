import type { UiLang } from './i18n.ts';

/** What the embedding page configured through the script tag's data- attributes. */
export interface WidgetConfig {
  /** POST /api/chat URL, derived from the script's own src (or data-api). */
  apiUrl: string;
  /** Namespace for localStorage, so two Jessi deployments on one site do not mix. */
  storageKey: string;
  lang: UiLang;
  /** Sent to the API only when the page set data-lang; otherwise the server detects the language. */
  locale?: UiLang;
  greeting?: string;
  color?: string;
}

const isWidgetSrc = (src: string) => /\/widget\.js(?:[?#]|$)/.test(src);

/** The widget's own <script>: currentScript while it runs (also with async), else the last /widget.js tag. */
export function findScript(): HTMLScriptElement | null {
  const cur = document.currentScript;
  if (cur instanceof HTMLScriptElement && cur.src) return cur;
  const all = document.querySelectorAll<HTMLScriptElement>('script[src]');
  for (let i = all.length - 1; i >= 0; i--) if (isWidgetSrc(all[i].src)) return all[i];
  return null;
}

const httpUrl = (raw: string, base?: string): URL | null => {
  try {
    const u = new URL(raw, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
  } catch {
    return null;
  }
};

export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const d = script?.dataset ?? {};
  const src = script?.src || location.href;
  // https://host/path/widget.js → https://host/path/api/chat
  const api = (d.api && httpUrl(d.api, src)) || httpUrl('api/chat', src) || new URL('/api/chat', location.href);
  const asked = (d.lang || '').toLowerCase();
  const locale: UiLang | undefined = asked.startsWith('en') ? 'en' : asked.startsWith('id') ? 'id' : undefined;
  // The widget's own words: data-lang, else the page's <html lang>, else the browser's language.
  const hint = document.documentElement.lang || navigator.language || '';
  const lang: UiLang = locale ?? (/^en\b/i.test(hint) ? 'en' : 'id');
  return {
    apiUrl: api.href,
    storageKey: `jessi:${api.origin}${api.pathname}`,
    lang,
    locale,
    greeting: d.greeting?.trim().slice(0, 500) || undefined,
    color: d.color?.trim() || undefined,
  };
}
