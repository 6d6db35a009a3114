import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { recordMeta } from './meta.js';
import { BENCH_SCALE } from './scale-points.js';

// Issue 13 §2 and §3: N providers, each with its certificate issued and one TLS handshake done, each
// point in a child process of its own (bench/scale-child.mjs on dist/) so that peak RSS is the point's.
// One iteration per point: the child reports its own start-up time, recorded for the report.
const child = fileURLToPath(new URL('./scale-child.mjs', import.meta.url));
const run = promisify(execFile);
const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

describe('scale: providers with a certificate and one handshake each (child process)', () => {
  for (const providers of BENCH_SCALE.providers) {
    bench(
      `${providers} providers`,
      // An async function: tinybench calls a plain one once more to see whether it returns a promise.
      async () => {
        // Without vitest's NODE_OPTIONS (its loader would count in the child's RSS).
        const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS' && !name.startsWith('VITEST')));
        const { stdout } = await run(process.execPath, [child, String(providers)], { encoding: 'utf8', maxBuffer: 1 << 20, env });
        recordMeta(`scale.${providers}`, JSON.parse(stdout.trim()) as unknown);
      },
      once,
    );
  }
});
