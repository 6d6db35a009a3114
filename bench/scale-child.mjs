// One scale point of issue 13 §2 in a process of its own, so that points do not share a heap
// (peak RSS is the process's own, process.resourceUsage().maxRSS). Run by bench/scale.bench.ts on the
// built harness (dist/). Prints one JSON line: start-up time split into adding the hosts and the
// first contact of each (certificate issued on first contact, then a full TLS 1.3 handshake).
//
//   node bench/scale-child.mjs 1000
import { createNetwork } from '../dist/harness/network/index.js';

const providers = Number(process.argv[2] ?? '10');
const answer = () => async () => new Response(null, { status: 204 });
const started = performance.now();
const network = createNetwork({ seed: 1, transport: 'tls' });
for (let i = 0; i < providers; i++) await network.addHost({ names: [`p${i}.test`, `ds.p${i}.test`], start: answer });
const added = performance.now();
// Each provider is contacted once, by its neighbour: one certificate issued and one handshake per provider.
for (let i = 0; i < providers; i++) {
  const response = await network.fetch(`https://ds.p${i}.test/`, undefined, `p${(i + 1) % providers}.test`);
  if (response.status !== 204) throw new Error(`p${i}.test answered ${response.status}`);
}
const contacted = performance.now();
const issued = network.pki.issued;
await network.dispose();
process.stdout.write(
  `${JSON.stringify({
    providers,
    issued,
    addHostsMs: added - started,
    firstContactMs: contacted - added,
    totalMs: contacted - started,
    // maxRSS is in KiB (Node's process.resourceUsage()).
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
