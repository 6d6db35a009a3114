import { decode } from '../codec/index.js';
import { dsRequest, ENDPOINTS, queueingServiceRequest } from '../messages/index.js';
import type { TraceEntry } from '../network/index.js';

/** What a request was, from its body: the DSRequest or QS type, else the struct the path takes. */
function requestTypeOf(entry: TraceEntry): string {
  try {
    if (entry.path === '/group_operation' || entry.path === '/welcome_information' || entry.path === '/external_commit_information') return decode(dsRequest, entry.request).request_body.request_type;
    if (entry.path === '/deliver_message' || entry.path === '/connection_request') return decode(queueingServiceRequest, entry.request).request_type;
  } catch {
    return 'undecodable';
  }
  return ENDPOINTS.find((e) => e.path === entry.path)?.request ?? '-';
}

/**
 * One exchange on one line: virtual time since the start, sender → receiver,
 * method and path, request type, status (or the network error).
 *
 * @example
 * io.out(exchangeLine(entry)); // "   1.503s  beta.test → ds.alpha.test  POST /group_operation  ds_add_clients  200"
 */
export function exchangeLine(entry: TraceEntry): string {
  const time = `${(entry.at / 1000).toFixed(3)}s`.padStart(9);
  const outcome = entry.status === null ? (entry.error ?? 'no answer') : String(entry.status);
  return `${time}  ${entry.source} → ${entry.destination}  ${entry.method} ${entry.path}  ${requestTypeOf(entry)}  ${outcome}`;
}
