import type { CheckResult } from '../conformance/index.js';
import { verdictText } from './console.js';
import { replayLines } from './exchanges.js';
import { categoryOf } from './summary.js';

/** XML text and attribute escaping (the five predefined entities; control characters other than tab and newlines dropped). */
function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The failure body: verdict, each exchange (canonical order) with decoded bodies, and the replay command. */
const evidenceText = (r: CheckResult): string => replayLines(r).slice(1).join('\n');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: CheckResult): string {
  const open = `    <testcase classname="${xml(categoryOf(r.id))}" name="${xml(`${r.id} (${r.section})`)}" time="${seconds(r.durationMs)}">`;
  const properties = `      <properties><property name="level" value="${r.level}"/><property name="section" value="${xml(r.section)}"/><property name="seed" value="${r.seed}"/><property name="replay" value="${xml(r.replay)}"/>${r.expectedFailure === undefined ? '' : `<property name="expected_failure" value="${xml(r.expectedFailure)}"/>`}</properties>`;
  const expected = r.status === 'fail' && r.expectedFailure !== undefined;
  const body = expected
    ? `      <skipped message="${xml(`expected failure: ${r.expectedFailure ?? ''}`)}">${xml(`${verdictText(r)}\nreplay: ${r.replay}`)}</skipped>`
    : r.status === 'fail'
      ? `      <failure type="${r.level}" message="${xml(verdictText(r))}">${xml(evidenceText(r))}</failure>`
      : r.status === 'pass'
        ? undefined
        : `      <skipped message="${xml(`${r.status}: ${verdictText(r)}`)}"/>`;
  return [open, properties, ...(body === undefined ? [] : [body]), '    </testcase>'].join('\n');
}

/**
 * The run as JUnit XML, as h2spec and Complement write it: one testsuite per
 * category, one testcase per check (classname the category);
 * the name is `id (section)`; a failure carries the level as its type,
 * expected/actual as its message and the decoded exchanges as its body; an
 * expected failure (issue 11 §3) is `<skipped message="expected failure: …">`;
 * skip and unsupported are `<skipped>` with the reason. CI systems
 * show it as a test report.
 *
 * @example
 * writeFileSync('junit.xml', junitXml(results, 'mimi-harness run (reference, seed 1)'));
 */
export function junitXml(results: readonly CheckResult[], name: string): string {
  const categories = [...new Set(results.map((r) => categoryOf(r.id)))];
  // An expected failure (issue 11 §3) is reported as skipped with its reason, not as a failure.
  const xfail = (r: CheckResult) => r.status === 'fail' && r.expectedFailure !== undefined;
  const failures = (rs: readonly CheckResult[]) => rs.filter((r) => r.status === 'fail' && !xfail(r)).length;
  const skipped = (rs: readonly CheckResult[]) => rs.filter((r) => r.status === 'skip' || r.status === 'unsupported' || xfail(r)).length;
  const time = (rs: readonly CheckResult[]) => seconds(rs.reduce((n, r) => n + r.durationMs, 0));
  const suites = categories.map((category) => {
    const rs = results.filter((r) => categoryOf(r.id) === category);
    return [`  <testsuite name="${xml(category)}" tests="${rs.length}" failures="${failures(rs)}" errors="0" skipped="${skipped(rs)}" time="${time(rs)}">`, ...rs.map(testcase), '  </testsuite>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${results.length}" failures="${failures(results)}" errors="0" skipped="${skipped(results)}" time="${time(results)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
