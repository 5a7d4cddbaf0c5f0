/**
 * Jessi web widget entry: `<script src="https://HOST/widget.js" async></script>` on any page.
 * Optional attributes: data-lang="id|en", data-greeting="…", data-color="#00793f", data-api="https://…/api/chat".
 * Bundled by esbuild into one IIFE (adapters/web/build.ts); no framework.
 */
import { findScript, readConfig } from './config.ts';
import { CSS } from './styles.ts';
import { mountWidget } from './ui.ts';

declare global {
  interface Window {
    Jessi?: { open(): void; close(): void };
  }
}

const OPEN_HASHES = ['#jessi', '#tanya-jessi'];

function start(script: HTMLScriptElement | null): void {
  if (window.Jessi) return; // the tag was included twice
  const cfg = readConfig(script);
  // A custom tag name: the host page's element selectors (div, section…) do not match it.
  const host = document.createElement('jessi-widget');
  host.id = 'jessi-widget';
  if (cfg.color) host.style.setProperty('--accent', cfg.color); // an invalid colour is simply ignored
  const root = host.attachShadow({ mode: 'open' });
  // A constructed stylesheet also works on pages whose CSP forbids inline <style>.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
  document.body.append(host);
  let api = { open() {}, close() {}, dispose() {} };
  // The header's language switch mounts the widget again in the other language (the conversation is kept).
  const mount = (reopen: boolean) => {
    api.dispose();
    root.replaceChildren();
    api = mountWidget(root, cfg, () => mount(true));
    if (reopen) api.open();
  };
  mount(false);
  window.Jessi = { open: () => api.open(), close: () => api.close() };
  const fromHash = () => {
    if (OPEN_HASHES.includes(location.hash)) api.open();
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
}

// currentScript is only set while this file first runs, so read it now; the body may not exist yet.
const script = findScript();
if (document.body) start(script);
else document.addEventListener('DOMContentLoaded', () => start(script));
