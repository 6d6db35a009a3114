/**
 * Errors shaped like Node's own, so that code under test sees what it
 * would see on a real network (`error.code`, `error.syscall`, `error.hostname`).
 */
export interface NodeStyleError extends Error {
  code: string;
  syscall?: string;
  hostname?: string;
  address?: string;
  port?: number;
}

function nodeError(code: string, message: string, extra: Partial<NodeStyleError> = {}): NodeStyleError {
  return Object.assign(new Error(message), { code }, extra);
}

/** `getaddrinfo ENOTFOUND host`, as for a name no DNS server knows. @example hostNotFound('nowhere.test') */
export function hostNotFound(hostname: string): NodeStyleError {
  return nodeError('ENOTFOUND', `getaddrinfo ENOTFOUND ${hostname}`, { syscall: 'getaddrinfo', hostname });
}

/** `connect ECONNREFUSED`, as for a host that is down. @example connectionRefused('alpha.test', 443) */
export function connectionRefused(hostname: string, port: number): NodeStyleError {
  return nodeError('ECONNREFUSED', `connect ECONNREFUSED ${hostname}:${port}`, { syscall: 'connect', address: hostname, port });
}

/** `ETIMEDOUT`, after the virtual timeout passed with no answer (dropped packets, partitions). */
export function timedOut(hostname: string, afterMs: number): NodeStyleError {
  return nodeError('ETIMEDOUT', `no answer from ${hostname} within ${afterMs} ms (virtual time)`, { syscall: 'read', hostname });
}

/** `ECONNRESET`, for a connection that breaks mid-exchange. */
export function connectionReset(hostname: string): NodeStyleError {
  return nodeError('ECONNRESET', `socket hang up (${hostname})`, { syscall: 'read', hostname });
}

/** The network guard's refusal of a connection that would leave the process. */
export function blockedByGuard(target: string): NodeStyleError {
  return nodeError('EMIMIGUARD', `mimi-harness network guard: blocked an attempt to reach ${target} outside the simulated network`);
}

/**
 * What `fetch` rejects with for a network-level failure: undici's
 * `TypeError('fetch failed')` with the Node error as its cause.
 *
 * @example
 * controller.errorWith(asFetchError(hostNotFound(host)));
 */
export function asFetchError(cause: Error): TypeError {
  return new TypeError('fetch failed', { cause });
}
