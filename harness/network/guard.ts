import dns from 'node:dns';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { blockedByGuard } from './net-errors.js';

/** Loopback ports the harness itself listens on (sockets mode); only these may be connected to. */
const allowedPorts = new Set<number>();
const listeners = new Set<(target: string) => void>();
let installed: (() => void) | undefined;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

function isLoopback(host: string | undefined): boolean {
  return host !== undefined && (LOOPBACK.has(host) || host.startsWith('127.'));
}

function report(target: string): void {
  for (const listener of listeners) listener(target);
}

/**
 * Allows connections to a loopback port the harness started.
 *
 * @example
 * allowLoopbackPort(server.address().port);
 */
export function allowLoopbackPort(port: number): () => void {
  allowedPorts.add(port);
  return () => allowedPorts.delete(port);
}

type ConnectArgs = Parameters<net.Socket['connect']>;

function connectTarget(args: ConnectArgs): { host: string | undefined; port: number | undefined; path: string | undefined } {
  const [first, second] = args as unknown[];
  if (Array.isArray(first)) return connectTarget(first as ConnectArgs);
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    return { host: options.host ?? 'localhost', port: options.port === undefined ? undefined : Number(options.port), path: options.path };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { host: undefined, port: undefined, path: first };
  return { host: typeof second === 'string' ? second : 'localhost', port: Number(first), path: undefined };
}

/**
 * Installs the guard on DNS lookups and socket connects (refcounted). A
 * lookup of a non-loopback name, or a connect to anything but an allowed
 * loopback port, is refused with `EMIMIGUARD` and reported to `onViolation`.
 * Unix sockets and pipes stay allowed (vitest's workers talk through them).
 *
 * @example
 * const release = installGuard((target) => violations.push(target));
 */
export function installGuard(onViolation: (target: string) => void): () => void {
  listeners.add(onViolation);
  if (installed === undefined) {
    const originalLookup = dns.lookup;
    const originalPromisesLookup = dns.promises.lookup;
    // Always called with .apply(socket, args) below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const originalConnect = net.Socket.prototype.connect;
    const guardedLookup = function (this: unknown, hostname: string, ...rest: unknown[]) {
      if (!isLoopback(hostname)) {
        report(`DNS lookup of ${hostname}`);
        const callback = rest.at(-1);
        if (typeof callback === 'function') {
          process.nextTick(() => { (callback as (error: Error) => void)(blockedByGuard(`DNS lookup of ${hostname}`)); });
        }
        return undefined;
      }
      return (originalLookup as (...args: unknown[]) => unknown).call(dns, hostname, ...rest);
    };
    dns.lookup = guardedLookup as typeof dns.lookup;
    dns.promises.lookup = (async (hostname: string, options?: unknown) => {
      if (!isLoopback(hostname)) {
        report(`DNS lookup of ${hostname}`);
        throw blockedByGuard(`DNS lookup of ${hostname}`);
      }
      return (originalPromisesLookup as (host: string, options?: unknown) => Promise<unknown>)(hostname, options);
    }) as typeof dns.promises.lookup;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: ConnectArgs) {
      const { host, port, path } = connectTarget(args);
      if (path === undefined && !(isLoopback(host) && port !== undefined && allowedPorts.has(port))) {
        const target = `${host ?? '?'}:${port ?? '?'}`;
        report(`connect to ${target}`);
        process.nextTick(() => this.destroy(blockedByGuard(`connect to ${target}`)));
        return this;
      }
      return originalConnect.apply(this, args);
    } as net.Socket['connect'];
    syncBuiltinESMExports();
    installed = () => {
      dns.lookup = originalLookup;
      dns.promises.lookup = originalPromisesLookup;
      net.Socket.prototype.connect = originalConnect;
      syncBuiltinESMExports();
    };
  }
  return () => {
    listeners.delete(onViolation);
    if (listeners.size === 0 && installed !== undefined) {
      installed();
      installed = undefined;
    }
  };
}
