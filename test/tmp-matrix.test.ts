import { appendFileSync } from 'node:fs';
import { it } from 'vitest';
import { runCatalog } from '../harness/conformance/index.js';
import { CATALOG, PLANTED } from '../scenarios/index.js';

const names = (process.env['BUGS'] ?? '').split('|').filter((n) => n.length > 0);
it.each(names)('matrix %s', async (name) => {
  const bug = PLANTED.find((b) => b.name === name);
  if (bug === undefined) throw new Error(`no bug ${name}`);
  const results = await runCatalog({ target: bug.target('target.test'), checks: CATALOG, seed: 1 });
  const failing = results.filter((r) => r.status === 'fail').map((r) => r.id);
  const expected = CATALOG.filter((c) => bug.caughtBy.includes(c.id)).map((c) => c.id);
  appendFileSync('/tmp/matrix-t.out', JSON.stringify({ bug: name, ok: failing.join() === expected.join(), extra: failing.filter((f) => !expected.includes(f)), missing: expected.filter((e) => !failing.includes(e)) }) + '\n');
}, 600_000);
