import dns from 'node:dns';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { installedWhileUsed } from './installed-while-used.js';
import { blockedByGuard } from './net-errors.js';

/** Loopback ports the harness itself listens on (sockets mode); only these may be connected to. */
const allowedPorts = new Set<number>();
// `install` is a function declaration below, so it is defined by the time the first guard is added.
const guards = installedWhileUsed<(target: string) => void>(install);

/** Exactly `localhost`, or an IP literal in 127.0.0.0/8 or ::1 (never a name that merely starts with "127."). */
function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return false;
  if (host === 'localhost') return true;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

function report(target: string): void {
  for (const listener of guards.users) listener(target);
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
type LookupFunction = NonNullable<net.TcpSocketConnectOpts['lookup']>;

interface Target {
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly path: string | undefined;
  readonly options: Record<string, unknown> | undefined;
}

function connectTarget(args: ConnectArgs): Target {
  const [first, second] = args as unknown[];
  if (Array.isArray(first)) return connectTarget(first as ConnectArgs);
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    // Node connects over TCP unless `path` is a non-empty string.
    return { host: options.host ?? 'localhost', port: options.port === undefined ? undefined : Number(options.port), path: options.path || undefined, options: first as Record<string, unknown> };
  }
  if (typeof first === 'string' && first !== '' && !/^\d+$/.test(first)) return { host: undefined, port: undefined, path: first, options: undefined };
  return { host: typeof second === 'string' ? second : 'localhost', port: Number(first), path: undefined, options: undefined };
}

/** A caller's own `lookup` can resolve a loopback name to anything: check what it returns. */
function guardedLookup(original: LookupFunction, target: string): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    original(hostname, options, (error, address, family) => {
      const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address);
      const outside = addresses.find((a) => !isLoopback(a));
      if (error === null && outside !== undefined) {
        report(`connect to ${outside} (looked up for ${target})`);
        callback(blockedByGuard(`connect to ${outside}`), address, family);
        return;
      }
      callback(error, address, family);
    });
  });
}

const RESOLVE_METHODS = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse', 'lookupService'] as const;

/** Replaces the c-ares resolver methods of `target` with refusals; returns the restorer. */
function blockResolvers(target: object, promises: boolean): () => void {
  const saved = new Map<string, unknown>();
  const record = target as Record<string, unknown>;
  for (const name of RESOLVE_METHODS) {
    if (typeof record[name] !== 'function') continue;
    saved.set(name, record[name]);
    record[name] = function (this: unknown, host: unknown, ...rest: unknown[]) {
      const what = `DNS ${name} of ${String(host)}`;
      report(what);
      const error = blockedByGuard(what);
      if (promises) return Promise.reject(error);
      const callback = rest.at(-1);
      if (typeof callback === 'function') process.nextTick(() => { (callback as (e: Error) => void)(error); });
      return undefined;
    };
  }
  return () => {
    for (const [name, original] of saved) record[name] = original;
  };
}

function install(): () => void {
  const originalLookup = dns.lookup;
  const originalPromisesLookup = dns.promises.lookup;
  // Always called with .apply(socket, args) below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalConnect = net.Socket.prototype.connect;
  dns.lookup = function (this: unknown, hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) {
      report(`DNS lookup of ${hostname}`);
      const callback = rest.at(-1);
      if (typeof callback === 'function') process.nextTick(() => { (callback as (error: Error) => void)(blockedByGuard(`DNS lookup of ${hostname}`)); });
      return undefined;
    }
    return (originalLookup as (...args: unknown[]) => unknown).call(dns, hostname, ...rest);
  } as typeof dns.lookup;
  dns.promises.lookup = (async (hostname: string, options?: unknown) => {
    if (!isLoopback(hostname)) {
      report(`DNS lookup of ${hostname}`);
      throw blockedByGuard(`DNS lookup of ${hostname}`);
    }
    return (originalPromisesLookup as (host: string, options?: unknown) => Promise<unknown>)(hostname, options);
  }) as typeof dns.promises.lookup;
  const restorers = [
    blockResolvers(dns, false),
    blockResolvers(dns.Resolver.prototype, false),
    blockResolvers(dns.promises, true),
    blockResolvers(dns.promises.Resolver.prototype, true),
  ];
  net.Socket.prototype.connect = function (this: net.Socket, ...args: ConnectArgs) {
    const { host, port, path, options } = connectTarget(args);
    if (path !== undefined) return originalConnect.apply(this, args);
    if (!(isLoopback(host) && port !== undefined && allowedPorts.has(port))) {
      const target = `${host ?? '?'}:${port ?? '?'}`;
      report(`connect to ${target}`);
      process.nextTick(() => this.destroy(blockedByGuard(`connect to ${target}`)));
      return this;
    }
    if (options !== undefined && typeof options.lookup === 'function') {
      options.lookup = guardedLookup(options.lookup as LookupFunction, `${host ?? '?'}:${port}`);
    }
    return originalConnect.apply(this, args);
  } as net.Socket['connect'];
  syncBuiltinESMExports();
  return () => {
    dns.lookup = originalLookup;
    dns.promises.lookup = originalPromisesLookup;
    for (const restore of restorers) restore();
    net.Socket.prototype.connect = originalConnect;
    syncBuiltinESMExports();
  };
}

/**
 * Installs the guard (refcounted over networks). A DNS lookup or resolve of
 * anything but `localhost` or a loopback literal, or a TCP connect to
 * anything but an allowed loopback port (checked again after a caller's own
 * `lookup`), is refused with `EMIMIGUARD` and reported to `onViolation`.
 * Unix sockets and pipes stay allowed (vitest's workers talk through them).
 *
 * @example
 * const release = installGuard((target) => violations.push(target));
 */
export function installGuard(onViolation: (target: string) => void): () => void {
  return guards.add(onViolation);
}
