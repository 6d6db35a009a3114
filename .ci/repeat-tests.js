#!/usr/bin/env node
// npm run test:repeat -- [--times N] [--load] [--list] [FILE ...]
//
// Runs vitest on the chosen test files N times in a row (default 20) and stops at the
// first failing round, printing its output. With --load, two processes keep both cores
// busy meanwhile, the way a loaded CI machine does. Without files it takes every test
// file that uses the network, the federation or the virtual clock (issue 9 §1: a verdict
// that depends on scheduling is worthless, so these must pass every time).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const USES_TIME = /runCli\(\['demo'|runCli\(\['run'|runCli\(\['replay'|runCatalog|runChecks|describeCategory|defineConformanceSuite|createNetwork|createFederation|createVirtualClock|\.advance\(|\.drive\(|\.settle\(/;

function usage(message) {
  console.error(`test:repeat: ${message}\nusage: npm run test:repeat -- [--times N] [--load] [--list] [FILE ...]`);
  process.exit(2);
}

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

let times = 20;
let load = false;
let list = false;
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--times') {
    times = Number(args[++i]);
    if (!Number.isInteger(times) || times < 1) usage('--times needs a positive integer');
  } else if (arg === '--load') load = true;
  else if (arg === '--list') list = true;
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else files.push(arg);
}
const chosen = files.length > 0 ? files : testFiles(join(root, 'test')).filter((f) => USES_TIME.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f)).sort();
if (list) {
  console.log(chosen.join('\n'));
  process.exit(0);
}
if (chosen.length === 0) usage('no test files chosen');

// Each load process also ends itself once its parent is gone, should this one be killed outright.
const burner = `const parent = ${process.pid}; setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 1000); const spin = () => { const end = Date.now() + 50; while (Date.now() < end); setImmediate(spin); }; spin();`;
const burners = load ? [0, 1].map(() => spawn(process.execPath, ['-e', burner], { stdio: 'ignore' })) : [];
const stopBurners = () => {
  for (const b of burners) b.kill('SIGKILL');
};
process.on('exit', stopBurners);
// Interrupted: the load processes must not outlive this one (they would keep both cores busy for good).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}
/** A round that takes longer than this is a hang, not a slow machine. */
const ROUND_TIMEOUT_MS = 20 * 60_000;

console.log(`test:repeat: ${chosen.length} file(s), ${times} round(s)${load ? ', both cores kept busy' : ''}`);
const started = Date.now();
for (let round = 1; round <= times; round++) {
  const t0 = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', ...chosen], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: ROUND_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 });
  if (run.error !== undefined) console.log(`round ${round}/${times}: ${run.error.message}`);
  const summary = (run.stdout.match(/^\s*Tests\s+.*$/m) ?? ['(no summary)'])[0].trim();
  console.log(`round ${round}/${times}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s — ${summary}`);
  if (run.status !== 0) {
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    stopBurners();
    console.log(`test:repeat: failed in round ${round} of ${times}`);
    process.exit(1);
  }
}
stopBurners();
console.log(`test:repeat: ${times} passed, 0 failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
