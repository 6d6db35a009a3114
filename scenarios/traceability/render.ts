import type { Check } from '../../harness/conformance/index.js';
import type { NormativeStatement } from './statement.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** What is wrong with the statements against a catalog: unknown check ids, statements with neither checks nor a reason, checks no statement names. */
export function traceabilityProblems(statements: readonly NormativeStatement[], catalog: readonly Check[]): string[] {
  const ids = new Set(catalog.map((c) => c.id));
  const named = new Set(statements.flatMap((s) => s.checks));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of statements) {
    if (seen.has(s.id)) problems.push(`${s.id}: listed twice`);
    seen.add(s.id);
    for (const id of s.checks) if (!ids.has(id)) problems.push(`${s.id}: names ${id}, which is not in the catalog`);
    const reasons = [s.untestable, s.gap].filter((r) => r !== undefined).length;
    if (s.checks.length === 0 && reasons === 0) problems.push(`${s.id}: no check tests it and no reason says why none can`);
    if (s.checks.length > 0 && reasons > 0) problems.push(`${s.id}: has checks and a reason why none can`);
    if (reasons > 1) problems.push(`${s.id}: is both untestable and a gap`);
  }
  for (const c of catalog) if (!named.has(c.id)) problems.push(`${c.id}: tests no listed statement`);
  return problems;
}

/**
 * docs/TRACEABILITY.md (issue 10 §4): every normative statement of both
 * drafts and every rule of PROFILE.md, with the check ids that test it or
 * why none can, then each check with the statements it tests.
 *
 * @example
 * writeFileSync('docs/TRACEABILITY.md', renderTraceability(STATEMENTS, CATALOG));
 */
export function renderTraceability(statements: readonly NormativeStatement[], catalog: readonly Check[]): string {
  const covered = statements.filter((s) => s.checks.length > 0).length;
  const gaps = statements.filter((s) => s.gap !== undefined).length;
  const lines = [
    '# Traceability: normative statements and the checks that test them',
    '',
    'Generated from `scenarios/traceability/` and the check catalog (`scenarios/index.ts`); do not edit by hand.',
    'Regenerate with `MIMI_WRITE_TRACEABILITY=1 npx vitest run test/conformance/traceability.test.ts`; the same test fails when this file is out of date.',
    '',
    `${statements.length} statements: ${covered} tested by at least one check, ${gaps} open gaps (a black-box check could test them; none does yet), ${statements.length - covered - gaps} that no black-box check can test (the reason is given); ${catalog.length} checks.`,
    '',
  ];
  for (const source of ['transport draft', 'DS draft', 'PROFILE'] as const) {
    const mine = statements.filter((s) => s.source === source);
    lines.push(`## ${source === 'PROFILE' ? 'docs/PROFILE.md' : source === 'DS draft' ? 'draft-robert-mimi-delivery-service-2023-08-16' : 'draft-kohbrok-mimi-transport-00'} (${mine.length})`, '', '| statement | section | level | text | checks |', '|---|---|---|---|---|');
    for (const s of mine) lines.push(`| \`${s.id}\` | ${cell(s.section)} | ${s.level} | ${cell(s.text)} | ${s.checks.length > 0 ? s.checks.map((id) => `\`${id}\``).join(', ') : s.gap !== undefined ? `**gap**: ${cell(s.gap)}` : `none: ${cell(s.untestable ?? '')}`} |`);
    lines.push('');
  }
  lines.push('## Checks', '', '| check | level | section | tests |', '|---|---|---|---|');
  for (const c of catalog) lines.push(`| \`${c.id}\` | ${c.level} | ${cell(c.section)} | ${statements.filter((s) => s.checks.includes(c.id)).map((s) => `\`${s.id}\``).join(', ')} |`);
  lines.push('');
  return lines.join('\n');
}
