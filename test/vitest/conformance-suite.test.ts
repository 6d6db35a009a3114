import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceTarget, type Check, type CheckResult, type Target } from '../../harness/conformance/index.js';
import { defineConformanceSuite, runConformanceTest, testOutcome } from '../../harness/vitest/index.js';
import { PLANTED } from '../../scenarios/index.js';
import { verificationKeyRecipientMismatch } from '../../scenarios/forwarding/index.js';
import { methodNotAllowed } from '../../scenarios/transport/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bug = PLANTED.find((b) => b.caughtBy.includes(verificationKeyRecipientMismatch.id));

// The integration itself, in this run: one vitest test per check, against the reference provider (they pass).
defineConformanceSuite({ target: referenceTarget({ domain: 'target.test' }), checks: [methodNotAllowed, verificationKeyRecipientMismatch], name: 'defineConformanceSuite against the reference provider' });

// A target without a control interface: a check that needs one must be a skipped test with the reason, never a pass.
const reference = referenceTarget({ domain: 'target.test' });
const noControl: Target = { name: 'no control', domain: reference.domain, dsDomain: reference.dsDomain, start: reference.start };
const needsControl: Check = { id: 'fixture.control.needed', section: 'test', quote: 'test', level: 'MUST', role: 'client', needs: ['control'], run: () => Promise.resolve({ status: 'pass' }) };
describe('an unmet need', () => {
  defineConformanceSuite({ target: noControl, checks: [needsControl], name: 'is a skipped test' });
  // eslint-disable-next-line no-empty-pattern -- vitest wants the context destructured; the suite is the second argument.
  afterAll(({}, suite) => {
    const tests = suite.tasks.flatMap((task) => (task.type === 'suite' ? task.tasks : [task]));
    expect(tests.map((t) => [t.name, t.result?.state])).toEqual([['fixture.control.needed [MUST]', 'skip']]);
    // vitest keeps ctx.skip's note on the result (not in its types).
    expect((tests[0]?.result as { note?: string } | undefined)?.note).toBe('unsupported: no control has none (needs a target with a control interface)');
  });
});

const result = (status: CheckResult['status'], evidence: Partial<CheckResult['evidence']> = {}): CheckResult => ({ id: 'x.y.z', section: 'PROFILE §10', level: 'MUST', status, seed: 4, durationMs: 1, traceHash: 'h', evidence: { exchanges: [], ...evidence }, replay: 'r' });

describe('the vitest integration (issue 10 §5)', () => {
  it('maps results to tests: pass passes, skip and unsupported skip with the reason, fail fails with expected and actual', () => {
    expect(testOutcome(result('pass')).kind).toBe('pass');
    expect(testOutcome(result('unsupported', { expected: 'a control interface', actual: 'mine has none' }))).toMatchObject({ kind: 'skip', reason: 'unsupported: mine has none (needs a control interface)' });
    expect(testOutcome(result('skip'))).toMatchObject({ kind: 'skip', reason: 'skip: no reason given' });
    expect(testOutcome(result('fail', { expected: '421', actual: '200' }))).toMatchObject({ kind: 'fail', expected: '421', actual: '200', message: 'x.y.z (MUST; PROFILE §10) failed, seed 4\nexpected: 421\nactual:   200' });
  });

  it('the inner runner fails the planted bug\'s check with what was expected and seen', async () => {
    if (bug === undefined) throw new Error('no planted bug for the recipient check');
    const outcome = await runConformanceTest({ target: bug.target('target.test'), transport: 'direct' }, verificationKeyRecipientMismatch);
    expect(outcome.kind).toBe('fail');
    if (outcome.kind !== 'fail') return;
    expect(outcome.message).toMatch(new RegExp(`^${verificationKeyRecipientMismatch.id.replace(/\./g, '\\.')} \\(MUST; .+\\) failed, seed 1\\nexpected: .+\\nactual: {3}.+`));
  });

  // A child vitest costs ~5-12 s on two busy cores, so it runs when asked: MIMI_VITEST_CHILD=1.
  it.runIf(process.env.MIMI_VITEST_CHILD === '1')('in a vitest run of its own, a planted bug fails exactly its check\'s test, and an unmet need is a skip with the reason', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mimi-vitest-')), 'report.json');
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const args = [vitest, 'run', '--config', 'test/vitest/fixtures/vitest.fixture.config.ts', '--reporter=json', `--outputFile=${out}`];
    const code = await promisify(execFile)(process.execPath, args, { cwd: root }).then(() => 0, (error: unknown) => (error as { code?: number }).code ?? -1);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] };
    const tests = report.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((t) => [t.title, t.status])).toEqual([
      [`${methodNotAllowed.id} [${methodNotAllowed.level}]`, 'passed'],
      [`${verificationKeyRecipientMismatch.id} [MUST]`, 'failed'],
      ['fixture.control.needed [MUST]', 'skipped'],
    ]);
    expect(tests[1]?.failureMessages.join('\n')).toMatch(/ConformanceFailure: .+ failed, seed 1\nexpected: .+\nactual: {3}.+/);
  });
});
