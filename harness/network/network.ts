import { createHarnessPki } from '../pki/index.js';
import { createAddressBook } from './addresses.js';
import { createVirtualClock, type VirtualClock } from './clock.js';
import { createDirectTransport } from './direct-transport.js';
import { createBusyCounter, type BusyToken } from './busy.js';
import { createQuiescence } from './quiescence.js';
import { runExchange, type ExchangeContext } from './exchange.js';
import { mergeFaults, planFaults, type LinkFaults } from './faults.js';
import { installGuard } from './guard.js';
import { createDiscovery } from '../discovery/index.js';
import { connectionReset } from './net-errors.js';
import { fqdnProblem } from '../messages/index.js';
import { hostTls, tlsKey, type ConnectionInfo, type HostEntry, type HostSpec } from './host.js';
import { attachNetwork, currentContext, runInContext, type InterceptingNetwork } from './interception.js';
import { NetworkLeakError, type Finding, type HostHandle, type Network, type NetworkOptions } from './network-types.js';
import { createRng, type SeededRng } from './rng.js';
import { createSocketsTransport } from './sockets-transport.js';
import { createTlsTransport } from './tls-transport.js';
import { entryToJson, traceHash, type TraceEntry } from './trace.js';
import { exchangeRaw } from './raw-http.js';
import { runIncoming } from './incoming-exchange.js';
import { loopbackOrigin } from './remote-origin.js';
import { createRemoteTransport } from './remote-transport.js';
import { allowLoopbackPort } from './guard.js';
import type { Transport } from './transport.js';

let networkIds = 0;

/**
 * An in-process network of virtual hosts. Unmodified code that calls
 * `fetch` or `node:http(s)` for a registered name reaches its handler, in
 * `tls` mode through a real TLS 1.3 handshake against the harness CA.
 * Nothing reaches the real network: unknown names fail like DNS failures and
 * a guard blocks every other lookup or connect.
 *
 * @example
 * const network = createNetwork({ seed: 1 });
 * await network.addHost({ names: ['alpha.test'], start: () => async () => new Response('hi') });
 * const text = await (await network.fetch('https://alpha.test/')).text();
 * await network.dispose();
 */
export function createNetwork(options: NetworkOptions): Network {
  const mode = options.transport ?? 'tls';
  const baseClock = createVirtualClock(options.startTime);
  const busy = createBusyCounter();
  /** The busy token of the handler or background task running now, if it belongs to this network. */
  const currentToken = (): BusyToken | undefined => {
    const ctx = currentContext();
    return 'network' in ctx && ctx.network === intercepting ? ctx.token : undefined;
  };
  // Inside a handler (or spawned work) the caller is not busy while it waits on virtual time or on work
  // counted elsewhere, so drive() can move time for it.
  const released = <T>(wait: () => Promise<T>): Promise<T> => busy.idleWhile(currentToken(), wait);
  /** Exchanges in flight by id, so that the server-side handler joins its exchange's token (EXCHANGE_HEADER). */
  const exchangeTokens = new Map<string, BusyToken>();
  let exchangeIds = 0;
  // The clock handlers see: a handler sleeping on virtual time is not busy, so drive() can move time.
  const clock: VirtualClock = {
    ...baseClock,
    sleep: (ms) => released(() => baseClock.sleep(ms)),
    waitFor: (work) => released(() => work),
    // Time moved from outside waits for the work in flight, as network.advance does.
    advance: (ms) => quiescence.advance(ms),
    get pendingTimers() {
      return baseClock.pendingTimers;
    },
  };
  const rng = createRng(options.seed);
  const faultRng = rng.fork('faults');
  const linkRngs = new Map<string, SeededRng>();
  const pki = createHarnessPki({ now: () => clock.date(), name: `mimi-harness CA ${options.seed}` });
  const addresses = createAddressBook();
  const hosts = new Map<string, HostEntry>();
  const handles = new Map<HostEntry, HostHandle>();
  const links = new Map<string, LinkFaults>();
  const failingHandshakes = new Set<HostEntry>();
  let partitions: { a: Set<string>; b: Set<string> }[] = [];
  const trace: TraceEntry[] = [];
  const findings: Finding[] = [];
  const violations: string[] = [];
  const pendingExchanges = new Set<(error: Error) => void>();
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const id = ++networkIds;
  const discovery = createDiscovery({ clock });

  const nameOf = (source: string): string => hosts.get(source)?.primary ?? source;
  const addressOf = (source: string): string => hosts.get(source)?.address ?? addresses.addressOf(source, 'client');

  // A handler's own work counts as busy (it may await real async work, such as WebCrypto
  // signatures). It stops counting while it sleeps on the virtual clock (see the clock below)
  // and while a request it made is under way (that exchange counts instead), so time can
  // move for latency and timeouts on the way (profile fan-out pattern).
  const serve = async (entry: HostEntry, request: Request, info: ConnectionInfo, exchangeId?: string): Promise<Response> => {
    // The handler joins its exchange's token: if the exchange ends early (a crash, a timeout), the
    // handler still counts until it returns. A request from outside the process (sockets mode) has none.
    const joined = exchangeId === undefined ? undefined : exchangeTokens.get(exchangeId);
    // No live exchange to join (a request from outside the process, or one that already ended): the handler's own token.
    const token = joined?.held === true ? joined : busy.hold({ finished: true });
    token.handlers += 1;
    try {
      return await runInContext({ network: intercepting, source: entry.primary, token }, () => entry.handler(request, info));
    } catch (error) {
      return new Response(`handler of ${entry.primary} threw: ${error instanceof Error ? error.message : String(error)}`, { status: 500 });
    } finally {
      token.handlers -= 1;
      busy.releaseIfDone(token);
      if (!token.held && exchangeId !== undefined) exchangeTokens.delete(exchangeId);
    }
  };

  const lookup = (host: string): HostEntry | undefined => hosts.get(host);
  const local: Transport =
    mode === 'direct'
      ? createDirectTransport(serve)
      : mode === 'sockets'
        ? createSocketsTransport({ pki, serve, lookup, limits: options.listenerLimits ?? {}, refuses: (entry) => entry.crashed || failingHandshakes.has(entry) })
        : createTlsTransport({ pki, serve, now: () => clock.now(), lookup, handshakeFails: (entry) => failingHandshakes.has(entry) });
  // Hosts in another process (addRemoteHost) go over real loopback TLS whatever the mode; the others as the mode says.
  const remote = createRemoteTransport();
  const remotePorts: (() => void)[] = [];
  const transport: Transport = {
    send: (exchange) => (exchange.entry.remote === undefined ? local.send(exchange) : remote.send(exchange)),
    dropConnections: (entry) => { if (entry.remote === undefined) local.dropConnections(entry); else remote.dropConnections(entry); },
    ...(local.listen === undefined ? {} : { listen: local.listen.bind(local) }),
    ...(local.probeTls === undefined ? {} : { probeTls: local.probeTls.bind(local) }),
    ...(local.openRaw === undefined ? {} : { openRaw: local.openRaw.bind(local) }),
    ...(local.tlsChanged === undefined ? {} : { tlsChanged: local.tlsChanged.bind(local) }),
    close: () => { remote.close(); return local.close(); },
  };
  if (mode === 'direct') findings.push({ kind: 'tls-checks-skipped', detail: 'direct transport: no TLS, so certificate and TLS version checks are skipped' });

  const context: ExchangeContext = {
    transport,
    timeoutMs,
    lookup,
    addressOf,
    partitioned(source, destination) {
      const from = nameOf(source);
      return partitions.some(({ a, b }) => (a.has(from) && b.has(destination.primary)) || (b.has(from) && a.has(destination.primary)));
    },
    plan(source, destination) {
      const from = nameOf(source);
      const to = destination.primary;
      const key = `${from}->${to}`;
      let linkRng = linkRngs.get(key);
      if (linkRng === undefined) {
        linkRng = faultRng.fork(key);
        linkRngs.set(key, linkRng);
      }
      return planFaults(mergeFaults(links.get(key), links.get(`*->${to}`), links.get(`${from}->*`)), linkRng);
    },
    sleep: (token, ms) => busy.idleWhile(token, () => baseClock.sleep(ms)),
    sleepCancellable: (ms, fire) => clock.setTimer(ms, fire),
    pending(abort) {
      pendingExchanges.add(abort);
      return () => pendingExchanges.delete(abort);
    },

    record(partial) {
      const entry: TraceEntry = { id: trace.length + 1, ...partial };
      trace.push(entry);
      return entry;
    },
    elapsed: () => clock.elapsed(),
    hold() {
      const token = busy.hold();
      // Prefixed with the network's id, so that a header an outside client sends cannot name another network's exchange.
      const exchangeId = `${id}:${++exchangeIds}`;
      exchangeTokens.set(exchangeId, token);
      return { token, id: exchangeId };
    },
    finished(token, id) {
      token.finished = true;
      busy.releaseIfDone(token);
      if (!token.held) exchangeTokens.delete(id);
    },
  };

  const intercepting: InterceptingNetwork = {
    id,
    async handleIntercepted(via, request, controller, source, token) {
      // The handler that made this request waits for it: it is not busy meanwhile (the exchange is).
      await busy.idleWhile(token, () => runExchange(context, via, request, controller, source));
    },
    noteFetchBodyOnGet(url, method, source) {
      findings.push({ kind: 'fetch-get-with-body', detail: `${source}: fetch refuses ${method} ${url} with a body (the transport draft's GET endpoints carry one)` });
    },
  };

  // Made after everything that may throw (a bad listener limit), so that a network that never came to be watches nothing.
  const quiescence = createQuiescence(busy, baseClock);
  const detach = attachNetwork(intercepting);
  const releaseGuard = installGuard((target) => violations.push(target));

  // Work of the network's own on a raw socket (a TLS probe, a raw request) counts as busy, so that time
  // stands still while its handshake runs; like a hung handler it stops counting if it stalls, so its timeout can fire.
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    const token = busy.hold({ handlers: 1, finished: true });
    try {
      return await work();
    } finally {
      token.handlers = 0;
      busy.releaseIfDone(token);
    }
  };

  const entryNamed = (name: string): HostEntry => {
    const entry = hosts.get(name);
    if (entry === undefined) throw new Error(`no host named ${name} on this network`);
    return entry;
  };
  /** A host this process runs: a remote one cannot be crashed, restarted or given other TLS settings from here. */
  const ownEntry = (name: string, what: string): HostEntry => {
    const entry = entryNamed(name);
    if (entry.remote !== undefined) throw new Error(`${what}: ${name} is a remote host (another process at 127.0.0.1:${entry.remote.port}); the harness cannot ${what === 'setHostTls' ? 'change its TLS settings' : what === 'setHandshakeFailure' ? 'make its handshakes fail' : `${what} it`}`);
    return entry;
  };

  const network: Network = {
    seed: options.seed,
    mode,
    clock,
    rng,
    pki,
    caPem: pki.caPem,
    async addHost(spec: HostSpec) {
      const [primary] = spec.names;
      if (primary === undefined) throw new Error('a host needs at least one name');
      for (const name of spec.names) {
        const problem = fqdnProblem(name);
        if (problem !== undefined) throw new Error(`host name ${JSON.stringify(name)} is not a lower-case FQDN: ${problem}`);
        if (hosts.has(name)) throw new Error(`${name} is already a host on this network`);
      }
      const durable = new Map<string, unknown>();
      const entry: HostEntry = { spec, primary, address: addresses.addressOf(primary, 'host'), durable, handler: spec.start(durable), crashed: false, generation: 0 };
      for (const name of spec.names) hosts.set(name, entry);
      const port = transport.listen === undefined ? null : await transport.listen(entry);
      const handle: HostHandle = { names: spec.names, address: entry.address, port };
      handles.set(entry, handle);
      return handle;
    },
    async addRemoteHost(spec) {
      const problem = fqdnProblem(spec.name);
      if (problem !== undefined) throw new Error(`host name ${JSON.stringify(spec.name)} is not a lower-case FQDN: ${problem}`);
      if (hosts.has(spec.name)) throw new Error(`${spec.name} is already a host on this network`);
      const origin = loopbackOrigin(spec.origin);
      const refuse = (): never => { throw new Error(`${spec.name} is a remote host: it runs in another process`); };
      const entry: HostEntry = { spec: { names: [spec.name], start: refuse }, primary: spec.name, address: addresses.addressOf(spec.name, 'host'), durable: new Map(), handler: () => Promise.reject(new Error(`${spec.name} is a remote host`)), crashed: false, generation: 0, remote: { host: origin.host, port: origin.port, caPem: spec.caPem } };
      hosts.set(spec.name, entry);
      // The guard admits exactly the loopback ports the user named, for as long as this network lives.
      remotePorts.push(allowLoopbackPort(origin.port));
      const handle: HostHandle = { names: [spec.name], address: entry.address, port: origin.port };
      handles.set(entry, handle);
      return Promise.resolve(handle);
    },
    serveIncoming: (incoming) => runIncoming(context, serve, incoming),
    recordIncomingFailure(failure) {
      const at = context.elapsed();
      context.record({ at, end: at, source: failure.source, sourceAddress: context.addressOf(failure.source), destination: failure.host, via: 'node', method: '', path: '', request: new Uint8Array(0), status: null, error: failure.error, response: null, tls: failure.tls === null ? null : { protocol: failure.tls.protocol, certificateSubject: failure.tls.certificateSubject }, faults: [] });
    },
    presentedTls(name) {
      const entry = hosts.get(name);
      if (entry === undefined || entry.remote !== undefined) return undefined;
      return { names: entry.spec.names, tls: hostTls(entry), handshakeFails: failingHandshakes.has(entry), key: `${tlsKey(entry)}|${failingHandshakes.has(entry) ? 'fail' : 'ok'}|${entry.generation}` };
    },
    host: (name) => {
      const entry = hosts.get(name);
      return entry === undefined ? undefined : handles.get(entry);
    },
    run: (source, body) => runInContext({ network: intercepting, source }, body),
    spawn(source, task) {
      const token = busy.hold();
      // Through a promise, so that a task that throws at once is caught like one that rejects.
      const done = runInContext({ network: intercepting, source: nameOf(source), token }, () => Promise.resolve().then(task));
      done
        .catch((error: unknown) => {
          findings.push({ kind: 'background-task-failed', detail: `${source}: ${error instanceof Error ? error.message : String(error)}` });
        })
        .finally(() => {
          token.finished = true;
          busy.releaseIfDone(token);
        })
        .catch(() => undefined);
    },
    fetch: (input, init, source = 'outside') => network.drive(network.run(source, () => fetch(input, init))),
    drive: (work, driveOptions) => quiescence.drive(work, driveOptions),
    advance: (ms) => quiescence.advance(ms),
    setLinkFaults(from, to, faults) {
      if (to !== '*' && !hosts.has(to)) throw new Error(`setLinkFaults: ${to} is not a host on this network`);
      const key = `${from === '*' ? '*' : nameOf(from)}->${to === '*' ? '*' : nameOf(to)}`;
      if (faults === undefined) links.delete(key);
      else links.set(key, faults);
    },
    partition(a, b) {
      partitions.push({ a: new Set(a.map(nameOf)), b: new Set(b.map(nameOf)) });
    },
    heal() {
      partitions = [];
    },
    crash(name) {
      const entry = ownEntry(name, 'crash');
      entry.crashed = true;
      entry.spec.stop?.();
      transport.dropConnections(entry);
    },
    restart(name) {
      const entry = ownEntry(name, 'restart');
      entry.generation += 1;
      if (!entry.crashed) entry.spec.stop?.();
      transport.dropConnections(entry);
      entry.handler = entry.spec.start(entry.durable);
      entry.crashed = false;
    },
    setHostTls(name, tls) {
      const entry = ownEntry(name, 'setHostTls');
      if (tls === undefined) delete entry.tls;
      else entry.tls = tls;
      transport.tlsChanged?.(entry);
    },
    probeTls(name, probeOptions = {}) {
      const entry = entryNamed(name);
      if (entry.remote !== undefined) return network.drive(counted(() => remote.probeTls(entry, { servername: probeOptions.servername ?? name, ...probeOptions })));
      if (transport.probeTls === undefined) return Promise.reject(new Error(`probeTls: the ${mode} transport has no TLS`));
      if (entry.crashed) return Promise.resolve({ ok: false, code: 'ECONNREFUSED', message: `${name} is down` });
      const source = probeOptions.source ?? 'tls-probe';
      return network.drive(counted(() => transport.probeTls?.(entry, source, addressOf(source), { servername: probeOptions.servername ?? name, ...probeOptions }) ?? Promise.reject(new Error('no TLS'))));
    },
    rawRequest(name, request, source = 'raw-client') {
      const entry = entryNamed(name);
      if (entry.remote !== undefined) {
        const remoteSocket = remote.openRaw(entry, name);
        return network.drive(counted(() => exchangeRaw(remoteSocket, request, (expire) => clock.setTimer(request.timeoutMs ?? 10_000, expire))));
      }
      if (transport.openRaw === undefined) return Promise.reject(new Error(`rawRequest: the ${mode} transport carries no raw bytes`));
      if (entry.crashed) return Promise.resolve({ answered: false, reason: 'error', detail: `ECONNREFUSED: ${name} is down` });
      const socket = transport.openRaw(entry, source, addressOf(source), name);
      return network.drive(counted(() => exchangeRaw(socket, request, (expire) => clock.setTimer(request.timeoutMs ?? 10_000, expire))));
    },
    setHandshakeFailure(name, failing) {
      const entry = ownEntry(name, 'setHandshakeFailure');
      if (failing) failingHandshakes.add(entry);
      else failingHandshakes.delete(entry);
      transport.dropConnections(entry);
    },
    get trace() {
      return trace.map((entry) => ({ ...entry, faults: [...entry.faults] }));
    },
    traceJson: (traceOptions = {}) => trace.map((entry) => entryToJson(entry, traceOptions.decodeBodies ?? false)),
    traceHash: (hashOptions) => traceHash(trace, hashOptions),
    get findings() {
      return findings;
    },
    get violations() {
      return violations;
    },
    discoverDsDomain: (domain, source = 'outside') => network.drive(network.run(source, () => discovery.discover(domain))),
    async dispose() {
      // End every exchange still waiting (on a drop, a partition, a silent host) instead of leaving its caller hanging.
      for (const abort of [...pendingExchanges]) abort(connectionReset('network disposed'));
      await transport.close();
      detach();
      releaseGuard();
      for (const release of remotePorts.splice(0)) release();
      quiescence.release();
      if (violations.length > 0) throw new NetworkLeakError(violations);
    },
  };
  return network;
}
