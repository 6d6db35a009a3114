/**
 * A loopback HTTPS origin an external target listens on (issue 11 §1):
 * `https://127.0.0.1:PORT` (or `https://[::1]:PORT`, or `https://localhost:PORT`).
 * Nothing else is admitted: the network guard lets the harness reach only
 * loopback listeners, and only the ports the user named.
 */
export interface LoopbackOrigin {
  readonly host: string;
  readonly port: number;
  /** The origin as given, normalised (`https://127.0.0.1:8443`). */
  readonly origin: string;
}

/** An origin that is not a loopback https URL with a port. */
export class RemoteOriginError extends Error {
  override readonly name = 'RemoteOriginError';
}

/**
 * Parses and checks a target's origin.
 *
 * @example
 * loopbackOrigin('https://127.0.0.1:8443') // { host: '127.0.0.1', port: 8443, origin: 'https://127.0.0.1:8443' }
 */
export function loopbackOrigin(text: string): LoopbackOrigin {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RemoteOriginError(`${JSON.stringify(text)} is not a URL (expected https://127.0.0.1:PORT)`);
  }
  if (url.protocol !== 'https:') throw new RemoteOriginError(`${text}: only https:// origins (TLS 1.3, transport draft "Transport Security")`);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!(host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))) throw new RemoteOriginError(`${text}: not a loopback address (127.0.0.0/8, ::1 or localhost); the harness never reaches beyond this machine`);
  if (url.port === '') throw new RemoteOriginError(`${text}: give the port explicitly (https://127.0.0.1:PORT)`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') throw new RemoteOriginError(`${text}: an origin has no path, query or fragment`);
  return { host: host === 'localhost' ? '127.0.0.1' : host, port: Number(url.port), origin: `https://${url.host}` };
}
