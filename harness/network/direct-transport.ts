import type { ExchangeResult, OutgoingExchange, ServeFunction, Transport } from './transport.js';
import { wireHeaders } from './transport.js';

/**
 * No TLS: the handler is called with the request as the wire would carry it
 * (Host and Content-Length set, hop-by-hop headers gone). For large property
 * runs; every TLS check is skipped, and the network says so.
 *
 * @example
 * const transport = createDirectTransport(serve);
 */
export function createDirectTransport(serve: ServeFunction): Transport {
  return {
    async send(exchange: OutgoingExchange): Promise<ExchangeResult> {
      const { method, body } = exchange;
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(`https://${exchange.host}${exchange.path}`, { method, headers: wireHeaders(exchange), ...(hasBody ? { body } : {}) });
      const response = await serve(exchange.entry, request, { remoteAddress: exchange.sourceAddress, source: exchange.source, body, transport: 'direct', tls: null });
      return { status: response.status, statusText: response.statusText, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()), tls: null };
    },
    dropConnections: () => undefined,
    close: () => Promise.resolve(),
  };
}
