import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNetwork, type Network } from '../network/index.js';
import { createProvider } from '../provider/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { EXIT, UsageError, type CliIo } from './io.js';

/** How `serve` learns that it should stop (SIGINT/SIGTERM in the CLI; a callback in tests). */
export type StopTrigger = (stop: () => void) => void;

/** Stops on the first SIGINT or SIGTERM. */
export const onSignals: StopTrigger = (stop) => {
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** The names of provider `i` (1-based): `provider<i>.test` and `ds.provider<i>.test`. */
export function providerNames(i: number): { domain: string; dsDomain: string } {
  return { domain: `provider${i}.test`, dsDomain: `ds.provider${i}.test` };
}

/**
 * Starts `count` providers in sockets mode on 127.0.0.1 and, once every
 * listener is ready, writes `ca.pem` and `hosts.json` (every provider and DS
 * domain → "127.0.0.1:PORT") into `out`.
 *
 * @example
 * const { network, hosts } = await startServing(3, '/tmp/mimi', 1);
 */
export async function startServing(count: number, out: string, seed: number): Promise<{ network: Network; hosts: Record<string, string> }> {
  // A client polling for hosts.json must never read the one of an earlier run.
  rmSync(join(out, 'hosts.json'), { force: true });
  const network = createNetwork({ seed, transport: 'sockets' });
  const hosts: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const names = providerNames(i);
    const provider = await createProvider(names);
    const handle = await network.addHost({ names: [names.domain, names.dsDomain], start: () => provider.fetch });
    for (const name of handle.names) hosts[name] = `127.0.0.1:${handle.port ?? 0}`;
  }
  mkdirSync(out, { recursive: true });
  writeAtomically(join(out, 'ca.pem'), network.caPem);
  writeAtomically(join(out, 'hosts.json'), `${JSON.stringify(hosts, null, 2)}\n`);
  return { network, hosts };
}

/**
 * `mimi-harness serve --providers N --out DIR [--seed N]`: N providers on
 * loopback for implementations in other processes or languages, until
 * SIGINT or SIGTERM. Each is a full reference provider on real time.
 *
 * @example
 * await serveCommand(parseArgs(['--providers', '2', '--out', dir], []), io, (stop) => setTimeout(stop, 1000));
 */
export async function serveCommand(args: ParsedArgs, io: CliIo, trigger: StopTrigger = onSignals): Promise<number> {
  onlyOptions(args, ['providers', 'out', 'seed']);
  const count = intOption(args, 'providers', 3);
  if (count < 1 || count > 1000) throw new UsageError('--providers must be between 1 and 1000');
  const out = stringOption(args, 'out', 'mimi-serve');
  const { network, hosts } = await startServing(count, out, intOption(args, 'seed', 1));
  io.out(`serving ${count} providers on 127.0.0.1 (${Object.keys(hosts).length} names); wrote ${join(out, 'ca.pem')} and ${join(out, 'hosts.json')}`);
  await new Promise<void>((resolve) => {
    trigger(resolve);
  });
  await network.dispose();
  io.out('stopped');
  return EXIT.ok;
}
