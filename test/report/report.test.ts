import { describe, expect, it } from 'vitest';
import type { CheckLevel, CheckResult, CheckStatus } from '../../harness/conformance/index.js';
import type { TraceEntryJson } from '../../harness/network/index.js';
import { bodySummary, canonicalExchanges, consoleSummary, exchangeJson, gatingLevels, junitXml, progressLine, replayLines, resultJson, runTraceHash, summarizeRun } from '../../harness/report/index.js';

function result(id: string, status: CheckStatus, level: CheckLevel = 'MUST', extra: Partial<CheckResult> = {}): CheckResult {
  return { id, section: 'PROFILE §10', level, status, seed: 1, durationMs: 12, traceHash: `hash-of-${id}`, evidence: { exchanges: [], ...(status === 'pass' ? {} : { expected: '405', actual: '200 <ok> & "fine"' }) }, replay: `npx mimi-harness replay ${id} --seed 1`, ...extra };
}

const exchange = (id: number, at: number, source: string, destination: string, status = 200): TraceEntryJson => ({
  id, at, end: at, source, source_address: '10.0.0.1', destination, via: 'fetch', method: 'POST', path: '/group_operation', status, error: null, request: 'aabb', response: 'ccdd', tls: null, faults: [],
  request_decoded: { struct: 'DSRequest', value: { request_body: { request_type: 'send_message', group_id: 'ffee' } } },
  response_decoded: { struct: 'DSResponse', value: { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'wrong_epoch', message: 'epoch 3 is not 4' } } } },
});

const RESULTS = [result('transport.a.one', 'pass', 'PROFILE'), result('transport.a.two', 'fail', 'MUST'), result('ds.b.three', 'fail', 'SHOULD'), result('ds.b.four', 'skip', 'MUST'), result('ds.b.five', 'unsupported', 'MAY'), result('extra.c.six', 'fail', 'PROFILE')];

describe('summarizeRun', () => {
  it('counts per category in catalog order, lists failures per level, and gates on MUST and PROFILE (all levels when strict)', () => {
    const summary = summarizeRun(RESULTS, ['transport', 'forwarding', 'ds']);
    expect(summary.categories).toEqual([
      { category: 'transport', counts: { pass: 1, fail: 1, skip: 0, unsupported: 0 } },
      { category: 'ds', counts: { pass: 0, fail: 1, skip: 1, unsupported: 1 } },
      { category: 'extra', counts: { pass: 0, fail: 1, skip: 0, unsupported: 0 } },
    ]);
    expect(summary.counts).toEqual({ pass: 1, fail: 3, skip: 1, unsupported: 1 });
    expect(summary.gating.map((r) => r.id)).toEqual(['transport.a.two', 'extra.c.six']);
    expect(summarizeRun(RESULTS, [], { strict: true }).gating.map((r) => r.id)).toEqual(['transport.a.two', 'ds.b.three', 'extra.c.six']);
    expect(gatingLevels(false)).toEqual(['MUST', 'PROFILE']);
  });

  it('the run trace hash covers each check id and schedule hash, in order', () => {
    const [a, b] = RESULTS;
    if (a === undefined || b === undefined) throw new Error('no results');
    expect(runTraceHash([a, b])).toMatch(/^[0-9a-f]{64}$/);
    expect(runTraceHash([a, b])).toBe(runTraceHash([a, b]));
    expect(runTraceHash([b, a])).not.toBe(runTraceHash([a, b]));
    expect(runTraceHash([a, { ...b, traceHash: 'other' }])).not.toBe(runTraceHash([a, b]));
    expect(runTraceHash([a, { ...b, durationMs: 999 }])).toBe(runTraceHash([a, b]));
  });
});

describe('console report', () => {
  it('a progress line per check: position, status, level, id, duration', () => {
    expect(progressLine(result('ds.b.four', 'unsupported', 'SHOULD'), 8, 60)).toBe('[ 9/60] UNSUP SHOULD   ds.b.four  (12 ms)');
  });

  it('the summary: categories, MUST and PROFILE failures with replay, SHOULD/MAY apart, not run, totals', () => {
    const lines = consoleSummary(RESULTS, summarizeRun(RESULTS, ['transport', 'ds']), { replaySuffix: ' --planted "x"', facts: 'seed 1' });
    const text = lines.join('\n');
    expect(text).toContain('by category:\n  transport  1 passed, 1 failed, 0 skipped, 0 unsupported\n  ds         0 passed, 1 failed, 1 skipped, 1 unsupported\n  extra      0 passed, 1 failed, 0 skipped, 0 unsupported');
    expect(text).toContain('MUST failures (1):\n  transport.a.two  (PROFILE §10)\n    expected 405; actual 200 <ok> & "fine"\n    replay: npx mimi-harness replay transport.a.two --seed 1 --planted "x"');
    expect(text).toContain('PROFILE failures (1):\n  extra.c.six');
    expect(text).toContain('SHOULD and MAY results, reported apart (not counted in the exit status without --strict):\n  FAIL  SHOULD ds.b.three\n');
    expect(text).toContain('  UNSUP MAY    ds.b.five');
    expect(text).toContain('not run (2):\n  SKIP  ds.b.four: expected 405; actual 200 <ok> & "fine"');
    expect(text).toContain('6 checks: 1 passed, 3 failed, 1 skipped, 1 unsupported (failed: 1 MUST, 1 PROFILE, 1 SHOULD, 0 MAY); seed 1');
    expect(lines.at(-1)).toBe('conformance run FAILED: 2 MUST/PROFILE failure(s)');
  });
});

describe('JSON report', () => {
  it('without bodies an exchange keeps its schedule and what each body was, no bytes and no recording id', () => {
    const json = exchangeJson(exchange(4, 10, 'a.test', 'b.test', 400));
    expect(json).toEqual({ at: 10, end: 10, source: 'a.test', source_address: '10.0.0.1', destination: 'b.test', via: 'fetch', method: 'POST', path: '/group_operation', status: 400, error: null, tls: null, faults: [], request: { struct: 'DSRequest', type: 'send_message' }, response: { struct: 'DSResponse', type: 'error', error_code: 'wrong_epoch' } });
    expect(exchangeJson(exchange(4, 10, 'a.test', 'b.test'), { bodies: true })).toMatchObject({ request: 'aabb', response_decoded: { struct: 'DSResponse' } });
    expect(bodySummary({ struct: 'DSRequest', error: 'truncated at offset 3' })).toEqual({ struct: 'DSRequest', undecodable: true });
    expect(bodySummary(null)).toBeNull();
  });

  it('exchanges in a canonical order: virtual time, source, destination, then recorded order', () => {
    const order = canonicalExchanges([exchange(1, 5, 'b.test', 'x.test'), exchange(2, 5, 'a.test', 'y.test'), exchange(3, 5, 'a.test', 'x.test'), exchange(4, 0, 'z.test', 'x.test'), exchange(5, 5, 'a.test', 'x.test')]);
    expect(order.map((e) => e.id)).toEqual([4, 3, 5, 2, 1]);
  });

  it('a result has the fields issue 10 §5 names', () => {
    const json = resultJson(result('transport.a.two', 'fail', 'MUST', { evidence: { exchanges: [exchange(1, 0, 'a.test', 'b.test')], expected: 'e', actual: 'a' } }));
    expect(Object.keys(json)).toEqual(['id', 'section', 'level', 'status', 'seed', 'durationMs', 'traceHash', 'replay', 'evidence']);
    expect(json.evidence).toMatchObject({ expected: 'e', actual: 'a', exchanges: [{ source: 'a.test' }] });
  });
});

describe('JUnit XML', () => {
  it('one testsuite per category and one testcase per check; failures typed by level, skips with the reason, text escaped', () => {
    const xml = junitXml(RESULTS, 'run <1>');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="run &lt;1&gt;" tests="6" failures="3" errors="0" skipped="2" time="0.072">/);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml).toContain('<testcase classname="transport" name="transport.a.two (PROFILE §10)" time="0.012">');
    expect(xml).toContain('<failure type="MUST" message="expected 405; actual 200 &lt;ok&gt; &amp; &quot;fine&quot;">');
    expect(xml).toContain('<skipped message="unsupported: expected 405; actual 200 &lt;ok&gt; &amp; &quot;fine&quot;"/>');
    // Well formed: every element closes in order.
    const stack: string[] = [];
    for (const [, close, name, selfClose] of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      if (close === '/') expect(stack.pop()).toBe(name);
      else if (selfClose !== '/') stack.push(name ?? '');
    }
    expect(stack).toEqual([]);
  });
});

describe('expected failures (issue 11 §3)', () => {
  const declared = [result('transport.a.one', 'pass'), result('transport.a.two', 'fail', 'MUST', { expectedFailure: 'not implemented <yet>' })];

  it('do not gate, are listed apart in the console, and are JUnit <skipped message="expected failure: …">', () => {
    const summary = summarizeRun(declared, ['transport']);
    expect(summary.gating).toEqual([]);
    expect(summary.expectedFailures.map((r) => r.id)).toEqual(['transport.a.two']);
    const text = consoleSummary(declared, summary).join('\n');
    expect(text).toContain("expected failures, declared by the target's config, not counted in the exit status (1):\n  XFAIL MUST   transport.a.two: not implemented <yet>");
    expect(text).toContain('conformance run passed');
    expect(progressLine(declared[1] as CheckResult, 1, 2)).toMatch(/^\[2\/2\] XFAIL MUST /);
    const xml = junitXml(declared, 'x');
    expect(xml).toContain('failures="0" errors="0" skipped="1"');
    expect(xml).toContain('<skipped message="expected failure: not implemented &lt;yet&gt;">');
    expect(xml).not.toContain('<failure');
  });
});

describe('replay lines', () => {
  it('every exchange with decoded bodies, then the verdict and the replay command', () => {
    const lines = replayLines(result('ds.b.three', 'fail', 'SHOULD', { evidence: { exchanges: [exchange(1, 1500, 'peer-a.test', 'ds.target.test', 409)], expected: 'e', actual: 'a' } }));
    expect(lines[0]).toBe('ds.b.three (SHOULD; PROFILE §10), seed 1: 1 exchange(s)');
    expect(lines[1]).toBe('   1.500s  POST /group_operation  peer-a.test → ds.target.test  409');
    expect(lines[2]).toMatch(/^ {4}request: \{\n {6}"struct": "DSRequest"/);
    expect(lines.slice(-3)).toEqual(['verdict: FAIL  expected e; actual a', 'schedule hash: hash-of-ds.b.three', 'replay: npx mimi-harness replay ds.b.three --seed 1']);
  });
});
