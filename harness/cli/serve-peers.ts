import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Network } from '../network/index.js';
import { DEFAULT_RATE_LIMITS } from '../provider/index.js';
import { UsageError } from './io.js';

/**
 * `serve --peers DIR`: waits (at most `timeoutMs` of real time) for
 * `DIR/ca.pem` and `DIR/hosts.json` (written by `run --peers-out DIR`), then
 * makes every name of hosts.json a remote host of `network`, so that the
 * served providers reach the harness's peers over real TLS, trusting only `DIR/ca.pem`.
 *
 * @example
 * await connectPeers(network, 'mimi-peers', 30_000);
 */
export async function connectPeers(network: Network, dir: string, timeoutMs: number): Promise<number> {
  const hostsFile = join(dir, 'hosts.json');
  const caFile = join(dir, 'ca.pem');
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(hostsFile) && existsSync(caFile))) {
    if (Date.now() >= deadline) throw new UsageError(`--peers ${dir}: no ca.pem and hosts.json appeared within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let hosts: unknown;
  try {
    hosts = JSON.parse(readFileSync(hostsFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`--peers ${dir}: hosts.json is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof hosts !== 'object' || hosts === null) throw new UsageError(`--peers ${dir}: hosts.json must map names to { address }`);
  const caPem = readFileSync(caFile, 'utf8');
  let count = 0;
  for (const [name, entry] of Object.entries(hosts as Record<string, { address?: unknown }>)) {
    if (typeof entry.address !== 'string') throw new UsageError(`--peers ${dir}: hosts.json: ${name} has no "address"`);
    try {
      await network.addRemoteHost({ name, origin: `https://${entry.address}`, caPem });
    } catch (error) {
      throw new UsageError(`--peers ${dir}: hosts.json: ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    count += 1;
  }
  return count;
}

/**
 * `serve --out DIR` writes `DIR/target.json`: a target config
 * (docs/schemas/target-config.schema.json) for its first provider, for
 * `mimi-harness run --target-config DIR/target.json`.
 *
 * @example
 * writeTargetConfig('mimi-serve', { domain: 'provider1.test', dsDomain: 'ds.provider1.test' }, hosts);
 */
export function writeTargetConfig(out: string, names: { readonly domain: string; readonly dsDomain: string }, hosts: Readonly<Record<string, { readonly address: string }>>, controlUrl?: string): void {
  const url = (name: string) => `https://${hosts[name]?.address ?? '127.0.0.1:0'}`;
  const config = {
    $schema: 'https://mimi-transport-harness.invalid/schemas/target-config.schema.json',
    name: `reference (mimi-harness serve, ${names.domain})`,
    provider: { domain: names.domain, url: url(names.domain) },
    ds: { domain: names.dsDomain, url: url(names.dsDomain) },
    ca: relative(out, join(out, 'ca.pem')),
    budgets: DEFAULT_RATE_LIMITS,
    ...(controlUrl === undefined ? {} : { control: controlUrl }),
  };
  const path = join(out, 'target.json');
  writeFileSync(`${path}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
