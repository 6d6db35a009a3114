/**
 * The simulated network: the only code in the project that patches globals.
 *
 * @example
 * import { createNetwork } from 'mimi-transport-harness/network';
 * const network = createNetwork({ seed: 7 });
 */
export { createVirtualClock, settle, type VirtualClock } from './clock.js';
export { type FaultPlan, type LatencyDistribution, type LinkFaults } from './faults.js';
export type { ConnectionInfo, DurableState, FetchHandler, HostSpec, HostTls, TlsInfo, TransportMode } from './host.js';
export { parseAnswer as parseRawAnswer } from './raw-http.js';
export type { RawAnswer, RawRequest } from './raw-http.js';
export type { TlsProbe, TlsProbeOptions } from './transport.js';
export { incomingBody } from './incoming-body.js';
export { createNetwork } from './network.js';
export { NetworkLeakError, type Finding, type HostHandle, type Network, type NetworkOptions } from './network-types.js';
export { createRng, type SeededRng } from './rng.js';
export { DEFAULT_LISTENER_LIMITS, type ListenerLimits } from './sockets-transport.js';
export { entryToJson, traceHash, type TraceEntry, type TraceEntryJson } from './trace.js';
export { createDiscovery, DiscoveryError, type Discovery, type DiscoveryClock, type DiscoveryErrorCode, type DiscoveryOptions } from '../discovery/index.js';
export { startPeerFronts, type FrontedPeer, type PeerFronts } from './peer-front.js';
export { loopbackOrigin, RemoteOriginError, type LoopbackOrigin } from './remote-origin.js';
export { REMOTE_REQUEST_TIMEOUT_MS } from './remote-transport.js';
export type { IncomingFailure, IncomingOutcome, IncomingRequest, PresentedTls, RemoteHostSpec } from './network-types.js';
export { loopbackJson, loopbackUrl, LoopbackJsonError, type LoopbackJsonAnswer } from './loopback-json.js';
