import type { HostEntry } from './host.js';
import { connectionReset } from './net-errors.js';
import type { ExchangeResult, OutgoingExchange, ServeFunction, Transport } from './transport.js';
import { wireHeaders } from './transport.js';

/**
 * No TLS: the handler is called with the request as the wire would carry it
 * (Host and Content-Length set, hop-by-hop headers gone). For large property
 * runs; every TLS check is skipped, and the network says so. A crash or
 * restart resets the exchanges in flight to the host (ECONNRESET), as the
 * other transports do by dropping their connections.
 *
 * @example
 * const transport = createDirectTransport(serve);
 */
export function createDirectTransport(serve: ServeFunction): Transport {
  const inFlight = new Map<HostEntry, Set<(error: Error) => void>>();
  return {
    async send(exchange: OutgoingExchange): Promise<ExchangeResult> {
      const { method, body } = exchange;
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(`https://${exchange.host}${exchange.path}`, { method, headers: wireHeaders(exchange), ...(hasBody ? { body } : {}) });
      let reset: (error: Error) => void = () => undefined;
      const dropped = new Promise<never>((_, reject) => {
        reset = reject;
      });
      const resets = inFlight.get(exchange.entry) ?? new Set();
      resets.add(reset);
      inFlight.set(exchange.entry, resets);
      try {
        const answer = (async () => {
          // A GET's body cannot ride in the Request; it goes beside it, unread, as on the wire.
          const rawBody = hasBody || body.length === 0 ? null : new Response(body).body;
          const response = await serve(exchange.entry, request, { remoteAddress: exchange.sourceAddress, source: exchange.source, rawBody, chunked: false, transport: 'direct', tls: null }, exchange.exchangeId);
          return { status: response.status, statusText: response.statusText, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()), tls: null };
        })();
        // The handler of a host that crashed meanwhile may still finish; its answer goes nowhere.
        answer.catch(() => undefined);
        return await Promise.race([answer, dropped]);
      } finally {
        resets.delete(reset);
      }
    },
    dropConnections(entry) {
      for (const reset of inFlight.get(entry) ?? []) reset(connectionReset(entry.primary));
      inFlight.delete(entry);
    },
    close: () => Promise.resolve(),
  };
}
