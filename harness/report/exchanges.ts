import type { Json } from '../codec/index.js';
import type { CheckResult } from '../conformance/index.js';
import type { TraceEntryJson } from '../network/index.js';
import { verdictText } from './console.js';
import { canonicalExchanges } from './json.js';

const text = (value: Json | undefined): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

function indented(label: string, value: Json | undefined): string[] {
  if (value === undefined || value === null) return [];
  return [`    ${label}: ${JSON.stringify(value, null, 2).split('\n').join('\n    ')}`];
}

/**
 * One exchange for a person reading a replay (issue 10 §5): virtual time,
 * method and path, source → destination, status (or the network error),
 * then the request and response bodies decoded, as JSON.
 *
 * @example
 * exchangeBlock(result.evidence.exchanges[0]) // ["   0.000s  POST /verification_key  peer-a.test → target.test  421", "    request: {…}", …]
 */
export function exchangeBlock(exchange: TraceEntryJson): string[] {
  const at = typeof exchange.at === 'number' ? exchange.at : 0;
  const outcome = exchange.status === null || exchange.status === undefined ? `error ${text(exchange.error) || 'no answer'}` : text(exchange.status);
  const head = `${`${(at / 1000).toFixed(3)}s`.padStart(9)}  ${text(exchange.method)} ${text(exchange.path)}  ${text(exchange.source)} → ${text(exchange.destination)}  ${outcome}`;
  return [head, ...indented('request', exchange.request_decoded), ...indented('response', exchange.response_decoded)];
}

/**
 * A replayed result in full: every exchange (canonical order) with its
 * decoded bodies, then the verdict with what was expected and seen.
 *
 * @example
 * for (const line of replayLines(result)) io.out(line);
 */
export function replayLines(result: CheckResult): string[] {
  const exchanges = canonicalExchanges(result.evidence.exchanges);
  return [
    `${result.id} (${result.level}; ${result.section}), seed ${result.seed}: ${exchanges.length} exchange(s)`,
    ...exchanges.flatMap(exchangeBlock),
    '',
    `verdict: ${result.status.toUpperCase()}  ${verdictText(result)}`,
    `schedule hash: ${result.traceHash}`,
    `replay: ${result.replay}`,
  ];
}
