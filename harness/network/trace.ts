import { createHash } from 'node:crypto';
import { decode, toHex, type Json } from '../codec/index.js';
import { ENDPOINTS, registryEntry } from '../messages/index.js';
import type { InterceptedVia } from './interception.js';

/** One exchange as the network saw it. Times are virtual milliseconds since the network started. */
export interface TraceEntry {
  readonly id: number;
  readonly at: number;
  end: number;
  readonly source: string;
  readonly sourceAddress: string;
  readonly destination: string;
  readonly via: InterceptedVia;
  readonly method: string;
  readonly path: string;
  request: Uint8Array;
  status: number | null;
  /** Node-style error code when the exchange failed (ENOTFOUND, ETIMEDOUT, CERT_HAS_EXPIRED, ...). */
  error: string | null;
  response: Uint8Array | null;
  tls: { readonly protocol: string; readonly certificateSubject: string } | null;
  readonly faults: string[];
}

/** A trace entry as JSON: bytes as hex, and when asked, bodies decoded by endpoint. */
export type TraceEntryJson = Record<string, Json>;

function decodeBody(structName: string | null | undefined, bytes: Uint8Array | null): Json {
  if (structName === undefined || structName === null || bytes === null || bytes.length === 0) return null;
  const entry = registryEntry(structName);
  if (entry === undefined) return null;
  try {
    return { struct: structName, value: entry.codec.toJson(decode(entry.codec, bytes, { rootName: structName })) };
  } catch (error) {
    return { struct: structName, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The JSON form of an entry. `decodeBodies` decodes request and response
 * through the message registry by endpoint (transport draft "REST Endpoints").
 *
 * @example
 * entryToJson(entry, true).request_decoded
 */
export function entryToJson(entry: TraceEntry, decodeBodies = false): TraceEntryJson {
  const json: TraceEntryJson = {
    id: entry.id,
    at: entry.at,
    end: entry.end,
    source: entry.source,
    source_address: entry.sourceAddress,
    destination: entry.destination,
    via: entry.via,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    error: entry.error,
    request: toHex(entry.request),
    response: entry.response === null ? null : toHex(entry.response),
    tls: entry.tls === null ? null : { protocol: entry.tls.protocol, certificate_subject: entry.tls.certificateSubject },
    faults: entry.faults,
  };
  if (decodeBodies) {
    const endpoint = ENDPOINTS.find((e) => e.path === entry.path.split('?')[0]);
    json.request_decoded = decodeBody(endpoint?.request, entry.request);
    json.response_decoded = decodeBody(entry.status === 200 ? endpoint?.response : (endpoint?.errorResponse ?? 'DSResponse'), entry.response);
  }
  return json;
}

/**
 * A stable hash of the trace: SHA-256 over the JSON of every entry, in the
 * order of virtual time. Two runs with the same seed and the same program
 * give the same hash. Exchanges that start at the same virtual instant on
 * different links are concurrent: which of them is recorded first (and so
 * gets the lower id) follows real async completion (each sender signing its
 * request), so ids are left out and ties are ordered by content.
 * With `bodies: false` it leaves the request and response bytes out and
 * covers the schedule alone (who sent what to whom, when, and the status):
 * the bodies of MLS traffic carry fresh randomness (HPKE, path secrets,
 * keys) that no seed drives, the schedule must replay all the same.
 *
 * @example
 * expect(traceHash(a.trace)).toBe(traceHash(b.trace));
 */
export function traceHash(entries: readonly TraceEntry[], options: { readonly bodies?: boolean } = {}): string {
  const lines = entries.map((entry) => {
    const json: Partial<TraceEntryJson> = entryToJson(entry);
    delete json.id;
    if (options.bodies === false) {
      delete json.request;
      delete json.response;
    }
    return { at: entry.at, line: JSON.stringify(json) };
  });
  lines.sort((x, y) => x.at - y.at || (x.line < y.line ? -1 : x.line > y.line ? 1 : 0));
  const hash = createHash('sha256');
  for (const { line } of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}
