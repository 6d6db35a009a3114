// Turns one `vitest bench --outputJson` run (plus bench/results/meta.json, what the bench files
// recorded beside their timings) into bench/results/latest.json, and renders docs/BENCHMARKS.md from
// that JSON (issue 13 §1). Every comparison is a ratio of medians measured in the same run, on the
// same machine, so that a busy machine slows both sides.
//
//   node bench/report.mjs            # after vitest bench: writes latest.json and docs/BENCHMARKS.md
//   node bench/report.mjs --render   # re-renders docs/BENCHMARKS.md from the committed latest.json
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assessTargets } from './targets.mjs';

const root = new URL('..', import.meta.url);
const VITEST_JSON = new URL('bench/results/vitest.json', root);
const META_JSON = new URL('bench/results/meta.json', root);
export const LATEST_JSON = new URL('bench/results/latest.json', root);
export const BENCHMARKS_MD = new URL('docs/BENCHMARKS.md', root);

/**
 * The committed shape: the machine, every group of benchmarks with its order statistics in
 * milliseconds, and the recorded extras.
 *
 * @example
 * const latest = collectRun(JSON.parse(vitestJson), meta, machineNow());
 */
export function collectRun(vitest, meta, machine) {
  const groups = [];
  for (const file of vitest.files) {
    for (const group of file.groups) {
      groups.push({
        name: group.fullName.replace(/^[^>]*> /, ''),
        file: group.fullName.replace(/ > .*$/, ''),
        benchmarks: group.benchmarks.map((b) => ({
          name: b.name,
          medianMs: b.median,
          p75Ms: b.p75,
          minMs: b.min,
          maxMs: b.max,
          samples: b.sampleCount,
        })),
      });
    }
  }
  return { machine, groups, meta };
}

/** The machine the run is on. @example machineNow().cores // 2 */
export function machineNow() {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString().slice(0, 10),
    scale: process.env.MIMI_BENCH_SCALE === '10000' ? 'MIMI_BENCH_SCALE=10000' : 'default',
  };
}

/** Three significant digits, in the unit that reads best. @example duration(0.0123) // '12.3 µs' */
export function duration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '–';
  if (ms < 1) return `${significant(ms * 1000)} µs`;
  if (ms < 1000) return `${significant(ms)} ms`;
  return `${significant(ms / 1000)} s`;
}

function significant(x) {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** A ratio of medians. @example ratio(4, 2) // '2.00×' */
export function ratio(a, b) {
  return a > 0 && b > 0 ? `${significant(a / b)}×` : '–';
}

function groupTable(group, meta) {
  const [first] = group.benchmarks;
  const bytes = meta[`codec.${group.name.replace(/^codec: /, '')}`];
  const head = bytes === undefined ? '' : ' MB/s (median) |';
  const lines = [
    `### ${group.name}`,
    '',
    `| benchmark | median | p75 | min – max | samples | ratio to the first |${head}`,
    `|---|---|---|---|---|---|${bytes === undefined ? '' : '---|'}`,
  ];
  for (const b of group.benchmarks) {
    let rate = '';
    if (bytes !== undefined) {
      const n = b.name.startsWith('ts-mls') ? bytes.mlsBytes : bytes.bytes;
      rate = ` | ${(n / 1e6 / (b.medianMs / 1000)).toFixed(1)}`;
    }
    lines.push(`| ${b.name} | ${duration(b.medianMs)} | ${duration(b.p75Ms)} | ${duration(b.minMs)} – ${duration(b.maxMs)} | ${b.samples} | ${ratio(b.medianMs, first.medianMs)} |${rate}`);
  }
  if (bytes !== undefined) lines.push('', `${bytes.bytes} bytes on the wire, ${bytes.mlsBytes} of them MLS values (the ts-mls row decodes those alone).`);
  const resumed = meta['transport.resumed'];
  if (group.name.startsWith('transport') && resumed !== undefined) lines.push('', `In the last row ${resumed.resumed} of ${resumed.requests} connections resumed a session (no certificate shown); the others made a full handshake.`);
  return lines.join('\n');
}

function scaleTable(meta) {
  const points = Object.keys(meta)
    .filter((k) => /^scale\.\d+$/.test(k))
    .map((k) => meta[k])
    .sort((a, b) => a.providers - b.providers);
  if (points.length === 0) return '';
  const lines = [
    '## Scale: providers, each with a certificate and one TLS handshake',
    '',
    'Each point in a child process of its own (`bench/scale-child.mjs`): `addHost` for every provider, then one request to each from its neighbour (the certificate is issued on first contact, then a full TLS 1.3 handshake). Peak RSS is the child\'s `process.resourceUsage().maxRSS`.',
    '',
    '| providers | certificates issued | adding hosts | first contacts | total | per provider | peak RSS |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const p of points) lines.push(`| ${p.providers} | ${p.issued} | ${duration(p.addHostsMs)} | ${duration(p.firstContactMs)} | ${duration(p.totalMs)} | ${duration(p.totalMs / p.providers)} | ${p.peakRssMiB.toFixed(0)} MiB |`);
  const small = points[0];
  const large = points[points.length - 1];
  if (small !== undefined && large !== undefined && large.providers > small.providers) {
    const n = large.providers - small.providers;
    const kib = ((large.peakRssMiB - small.peakRssMiB) * 1024) / n;
    const ms = (large.totalMs - small.totalMs) / n;
    lines.push(
      '',
      `What grows per provider, from ${small.providers} to ${large.providers}: ${ms.toFixed(2)} ms and ${kib.toFixed(0)} KiB. The time is the first contact: issuing the certificate (one ECDSA P-256 signature by the CA; the CA key and the server keys' SPKIs are parsed once) and a full TLS 1.3 handshake with the provider's RSA key through OpenSSL over an in-memory pipe. The memory is per-host state that stays: the host's TLS context and certificate, its never-listening http.Server, and the kept-alive connection of its neighbour (a TLS socket pair and its http.Agent).`,
    );
  }
  return lines.join('\n');
}

/**
 * docs/BENCHMARKS.md from a latest.json value; deterministic (the test renders the committed JSON
 * and compares).
 *
 * @example
 * writeFileSync(BENCHMARKS_MD, renderBenchmarks(JSON.parse(readFileSync(LATEST_JSON, 'utf8'))));
 */
export function renderBenchmarks(latest) {
  const m = latest.machine;
  const targets = assessTargets(latest);
  const parts = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/report.mjs) from bench/results/latest.json; do not edit. -->',
    '',
    `Measured on ${m.date}: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node.js ${m.node}, ${m.platform}; scale points: ${m.scale}. The machine was shared with other jobs, so single timings are noisy: compare the ratios, which are medians measured in the same run (each side slowed alike), and read the spread (p75, min – max) before trusting a digit.`,
    '',
    'Reproduce: `npm run bench` (builds, runs every `bench/*.bench.ts` one file at a time, writes bench/results/latest.json and this file). `MIMI_BENCH_SCALE=10000 npm run bench` adds 10,000 providers and groups of 512. Timings are never asserted in tests; test/bench/benchmarks-doc.test.ts only checks that this file is what the generator makes of the committed JSON.',
    '',
    '## Targets (issue 13 §3)',
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    ...targets.map((t) => `| ${t.target} | ${t.measured} | ${t.verdict} |`),
    '',
    ...targets.filter((t) => t.verdict !== 'met').flatMap((t) => [`- **${t.target}** (${t.verdict}): ${t.why}`]),
    '',
  ];
  const scale = scaleTable(latest.meta);
  if (scale !== '') parts.push(scale, '');
  parts.push('## Every benchmark', '', 'Ratios are to the first row of the same table, medians over medians.', '');
  for (const group of latest.groups) parts.push(groupTable(group, latest.meta), '');
  return `${parts.join('\n').trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let latest;
  if (process.argv.includes('--render')) latest = JSON.parse(readFileSync(LATEST_JSON, 'utf8'));
  else {
    let meta;
    try {
      meta = JSON.parse(readFileSync(META_JSON, 'utf8'));
    } catch {
      meta = {};
    }
    latest = collectRun(JSON.parse(readFileSync(VITEST_JSON, 'utf8')), meta, machineNow());
    writeFileSync(LATEST_JSON, `${JSON.stringify(latest, null, 2)}\n`);
  }
  writeFileSync(BENCHMARKS_MD, renderBenchmarks(latest));
  process.stdout.write(`wrote ${fileURLToPath(BENCHMARKS_MD)}\n`);
}
