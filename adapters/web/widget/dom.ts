const SVG = 'http://www.w3.org/2000/svg';
/** Thumb-up icon (Material Icons, Apache-2.0): drawn, so it shows where no emoji font is installed. */
const THUMB = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';

export function thumbIcon(down = false): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (down) svg.setAttribute('transform', 'rotate(180)');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', THUMB);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** Tiny element builder: attributes as strings, children as nodes or plain text (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  for (const c of children) el.append(c);
  return el;
}
