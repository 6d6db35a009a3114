/** The verdict of one check (DESIGN: never a bare boolean). */
export interface CheckResult {
  readonly id: string;
  readonly status: 'pass' | 'fail' | 'skip' | 'unsupported';
  readonly evidence: string;
}

/**
 * Prints failures and skips, then the closing line `N passed, N failed, N skipped`.
 * Returns whether everything that ran passed.
 *
 * @example
 * const ok = report(results, io.out);
 */
export function report(results: readonly CheckResult[], out: (text: string) => void, verbose = false): boolean {
  for (const result of results) {
    if (verbose || result.status !== 'pass') out(`${result.status.toUpperCase().padEnd(4)} ${result.id}: ${result.evidence}`);
  }
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  const failed = count('fail');
  out(`${count('pass')} passed, ${failed} failed, ${count('skip') + count('unsupported')} skipped`);
  return failed === 0 && results.length > 0;
}
