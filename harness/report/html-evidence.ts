import type { CheckResult } from '../conformance/index.js';
import type { TraceEntryJson } from '../network/index.js';
import { sequenceDiagram } from './html-diagram.js';
import { escapeHtml } from './html-escape.js';

/** A decoded body is cut at this many characters in the page (the JSON report has it whole). */
const BODY_CHARS = 4000;

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

function decodedBody(value: unknown): string {
  if (value === null || value === undefined) return '';
  const json = JSON.stringify(value, null, 1);
  return json.length > BODY_CHARS ? `${json.slice(0, BODY_CHARS)}\n… (${json.length - BODY_CHARS} more characters in the JSON report)` : json;
}

/** One exchange as a line and its decoded bodies. */
function exchangeItem(exchange: TraceEntryJson): string {
  const answer = typeof exchange['status'] === 'number' ? String(exchange['status']) : text(exchange['error']) || 'no answer';
  const line = `#${text(exchange['id'])} ${text(exchange['source'])} → ${text(exchange['destination'])}: ${text(exchange['method'])} ${text(exchange['path'])} → ${answer}`;
  const request = decodedBody(exchange['request_decoded']);
  const response = decodedBody(exchange['response_decoded']);
  const bodies = [request === '' ? '' : `<div>request</div><pre>${escapeHtml(request)}</pre>`, response === '' ? '' : `<div>answer</div><pre>${escapeHtml(response)}</pre>`].join('');
  return `<li class="exchange"><code>${escapeHtml(line)}</code>${bodies === '' ? '' : `<details class="bodies"><summary>bodies</summary>${bodies}</details>`}</li>`;
}

/** A result's status as the page shows it: an expected failure says so. */
export function statusLabel(result: CheckResult): string {
  return result.expectedFailure === undefined ? result.status : `${result.status} (expected)`;
}

/** The CSS class of a result's status badge. */
export function statusClass(result: CheckResult): string {
  return result.expectedFailure === undefined ? result.status : 'expected';
}

/**
 * One result's evidence for the HTML report (issue 11 §4): expected and
 * actual, the reason of an expected failure, the replay command, the
 * sequence diagram of its exchanges and each exchange with its decoded bodies.
 *
 * @example
 * evidenceHtml(result, 'reference')
 */
export function evidenceHtml(result: CheckResult, target: string): string {
  const { exchanges } = result.evidence;
  const facts = [
    `<dt>target</dt><dd>${escapeHtml(target)}</dd>`,
    `<dt>status</dt><dd><span class="badge ${statusClass(result)}">${escapeHtml(statusLabel(result))}</span></dd>`,
    result.evidence.expected === undefined ? '' : `<dt>expected</dt><dd class="expected-text">${escapeHtml(result.evidence.expected)}</dd>`,
    result.evidence.actual === undefined ? '' : `<dt>actual</dt><dd class="actual-text">${escapeHtml(result.evidence.actual)}</dd>`,
    result.expectedFailure === undefined ? '' : `<dt>expected failure</dt><dd>${escapeHtml(result.expectedFailure)}</dd>`,
    `<dt>replay</dt><dd><code class="replay">${escapeHtml(result.replay)}</code></dd>`,
    `<dt>seed, duration</dt><dd>${result.seed}, ${result.durationMs} ms</dd>`,
  ].join('');
  const diagram = exchanges.length === 0 ? '<p>No exchanges.</p>' : `<div class="diagram">${sequenceDiagram(exchanges)}</div>`;
  return `<section class="evidence" data-target="${escapeHtml(target)}"><dl>${facts}</dl>${diagram}<ol class="exchanges">${exchanges.map(exchangeItem).join('')}</ol></section>`;
}
