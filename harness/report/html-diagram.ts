import type { TraceEntryJson } from '../network/index.js';
import { escapeHtml } from './html-escape.js';

const LANE = 170;
const ROW = 26;
const TOP = 40;

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** What the answer arrow of an exchange says: its status, or the error that stood for one. */
function answerLabel(exchange: TraceEntryJson): string {
  if (typeof exchange['status'] === 'number') return String(exchange['status']);
  return text(exchange['error']) || 'no answer';
}

/**
 * A sequence diagram of a check's exchanges as inline SVG (issue 11 §4): a
 * lifeline per host or client that sent or received, in order of first
 * appearance, and for each exchange a request arrow (method and path) and a
 * dashed answer arrow (status or error). Each arrow is a `<g class="arrow">`
 * with `data-kind="request"|"answer"`, so a test can count them.
 *
 * @example
 * sequenceDiagram(result.evidence.exchanges) // '<svg …>…</svg>'
 */
export function sequenceDiagram(exchanges: readonly TraceEntryJson[]): string {
  const lanes: string[] = [];
  const laneOf = (name: string): number => {
    let index = lanes.indexOf(name);
    if (index < 0) index = lanes.push(name) - 1;
    return index;
  };
  const arrows: string[] = [];
  let y = TOP + ROW;
  for (const exchange of exchanges) {
    const from = laneOf(text(exchange['source']) || '?');
    const to = laneOf(text(exchange['destination']) || '?');
    const request = `${text(exchange['method'])} ${text(exchange['path'])}`;
    arrows.push(arrow(from, to, y, request, 'request'));
    y += ROW;
    arrows.push(arrow(to, from, y, answerLabel(exchange), 'answer'));
    y += ROW;
  }
  const width = Math.max(1, lanes.length) * LANE;
  const height = y + ROW / 2;
  const heads = lanes.map((name, i) => {
    const x = i * LANE + LANE / 2;
    return `<g class="lifeline"><text x="${x}" y="20" text-anchor="middle" font-weight="bold">${escapeHtml(name)}</text><line x1="${x}" y1="${TOP - 10}" x2="${x}" y2="${height}" stroke="#999" stroke-dasharray="2 3"/></g>`;
  });
  const marker = '<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#333"/></marker></defs>';
  return `<svg class="sequence" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" role="img" aria-label="sequence diagram of ${exchanges.length} exchanges">${marker}${heads.join('')}${arrows.join('')}</svg>`;
}

function arrow(from: number, to: number, y: number, label: string, kind: 'request' | 'answer'): string {
  const x1 = from * LANE + LANE / 2;
  const x2 = to * LANE + LANE / 2;
  const dash = kind === 'answer' ? ' stroke-dasharray="5 3"' : '';
  // A host talking to itself (rare) gets a short loop to the right.
  const path = from === to ? `M${x1},${y - 8} h30 v10 h-30` : `M${x1},${y} L${x2},${y}`;
  const labelX = from === to ? x1 + 34 : (x1 + x2) / 2;
  return `<g class="arrow" data-kind="${kind}"><path d="${path}" stroke="#333" fill="none"${dash} marker-end="url(#head)"/><text x="${labelX}" y="${y - 4}" text-anchor="middle">${escapeHtml(label)}</text></g>`;
}
