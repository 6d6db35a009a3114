import type { Finding, FuzzProgress, FuzzSummary } from '../fuzz/index.js';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * The target's side of a finding in a few words.
 *
 * @example
 * targetWords(finding) // 'accepted, re-encoded as 000400'
 */
export function targetWords(finding: Pick<Finding, 'target'>): string {
  const { target } = finding;
  switch (target.kind) {
    case 'answer':
      return target.answer.ok ? `accepted, re-encoded as ${'hex' in target.answer ? target.answer.hex : '(bytes)'}` : `refused (${target.answer.code ?? 'no code'})`;
    case 'crash':
      return `crashed: ${target.detail}`;
    case 'hang':
      return `no answer within ${target.timeoutMs} ms`;
    case 'memory':
      return `VmPeak grew by ${count(target.growthBytes / 2 ** 20)} MiB (bound ${count(target.boundBytes / 2 ** 20)} MiB)`;
    case 'skipped':
      return 'not run';
  }
}

/**
 * One progress line (stderr while running).
 *
 * @example
 * progressLine({ inputs: 1000, perSecond: 500, findings: 0 }) // 'fuzz: 1,000 inputs (500/s), 0 findings'
 */
export function progressLine(progress: FuzzProgress): string {
  const last = progress.last === undefined ? '' : `, last: ${progress.last.struct} ${progress.last.kind}`;
  return `fuzz: ${count(progress.inputs)} inputs (${count(progress.perSecond)}/s), ${progress.findings} finding${progress.findings === 1 ? '' : 's'}${last}`;
}

/**
 * The summary printed at the end of a run.
 *
 * @example
 * summaryLines(summary, new Map([[finding, 'fuzz-corpus/findings/DSError-….json']]))
 */
export function summaryLines(summary: FuzzSummary, files: ReadonlyMap<Finding, string>, replay: (finding: Finding) => string): string[] {
  const lines = [
    `fuzz: ${summary.target}`,
    `  ${count(summary.inputs)} inputs in ${(summary.elapsedMs / 1000).toFixed(1)} s (${count(summary.perSecond)}/s), seed ${summary.seed}${summary.shard ? `, shard ${summary.shard.index}/${summary.shard.count}` : ''}, ${summary.structs.length} struct${summary.structs.length === 1 ? '' : 's'}`,
    `  restarts: ${summary.restarts}; memory: ${summary.memoryCheck}`,
  ];
  if (summary.unsupported.length > 0) lines.push(`  unsupported by the target: ${summary.unsupported.join(', ')}`);
  const codes = Object.entries(summary.codes).map(([profile, byTarget]) => `${profile} → ${Object.entries(byTarget).map(([code, n]) => `${code} ×${count(n)}`).join(', ')}`);
  if (codes.length > 0) lines.push('  error codes when both refused (profile → target):', ...codes.map((line) => `    ${line}`));
  lines.push(`  findings: ${summary.findings.length}`);
  for (const finding of summary.findings) {
    const profile = finding.profile.ok ? 'accepted' : `refused (${finding.profile.code} at ${finding.profile.offset}${finding.profile.path ? `, ${finding.profile.path}` : ''})`;
    lines.push(`  - ${finding.struct} ${finding.kind} ×${finding.occurrences}: input ${finding.hex === '' ? '(empty)' : finding.hex.length > 120 ? `${finding.hex.slice(0, 120)}… (${finding.hex.length / 2} bytes)` : finding.hex}`);
    lines.push(`      profile: ${profile}; target: ${targetWords(finding)}`);
    const file = files.get(finding);
    if (file !== undefined) lines.push(`      file: ${file}`);
    lines.push(`      replay: ${replay(finding)}`);
  }
  return lines;
}
