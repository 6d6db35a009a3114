import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { colorLine, wantsColor } from '../../harness/report/index.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const ESC = '\u001b[';
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the terminal summary is coloured on a TTY and plain otherwise (issue 11 §4)', () => {
  it('colours the status word of progress and summary lines, the failure headings and the verdict, and nothing else', () => {
    expect(colorLine('[ 3/60] FAIL  MUST     ds.send-message.fan-out  (269 ms)')).toBe(`[ 3/60] ${ESC}31;1mFAIL${ESC}0m  MUST     ds.send-message.fan-out  (269 ms)`);
    expect(colorLine('[ 4/60] XFAIL MUST     ds.x  (1 ms)')).toBe(`[ 4/60] ${ESC}33mXFAIL${ESC}0m MUST     ds.x  (1 ms)`);
    expect(colorLine('[10/60] PASS  PROFILE  a.PASS.b  (1 ms)')).toBe(`[10/60] ${ESC}32mPASS${ESC}0m  PROFILE  a.PASS.b  (1 ms)`);
    expect(colorLine('  SKIP  rate-limit.source.recovers: expected …')).toBe(`  ${ESC}2mSKIP${ESC}0m  rate-limit.source.recovers: expected …`);
    expect(colorLine('MUST failures (2):')).toBe(`${ESC}31mMUST failures (2):${ESC}0m`);
    expect(colorLine('conformance run FAILED: 2 MUST/PROFILE failure(s)')).toContain(`${ESC}31;1m`);
    expect(colorLine('conformance run passed')).toBe(`${ESC}32;1mconformance run passed${ESC}0m`);
    // A line that merely mentions a status word is left alone.
    expect(colorLine('    expected PASS; actual FAIL')).toBe('    expected PASS; actual FAIL');
  });

  it('wants colour on a TTY only, never with NO_COLOR or TERM=dumb, always with FORCE_COLOR', () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor(true, { TERM: 'dumb' })).toBe(false);
    expect(wantsColor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColor(true, { FORCE_COLOR: '0', NO_COLOR: '1' })).toBe(false);
  });

  it('`run` through a pipe is plain; under a real pseudo-terminal (script(1)) it is coloured, and NO_COLOR turns that off', { timeout: 60_000 }, async () => {
    const cli = ['bin/mimi-harness.js', 'run', '--check', 'transport.http.unknown-path'];
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' };
    const piped = await run(process.execPath, cli, { cwd: root, env });
    expect(piped.stdout).toContain('conformance run passed');
    expect(piped.stdout).not.toContain(ESC);
    if (!hasScript) throw new Error('script(1) (util-linux/bsdutils) is needed to give the CLI a real terminal');
    const command = [process.execPath, ...cli].join(' ');
    const tty = await run('script', ['-qec', command, '/dev/null'], { cwd: root, env });
    expect(tty.stdout).toContain(`${ESC}32;1mconformance run passed${ESC}0m`);
    expect(tty.stdout).toContain(`${ESC}32mPASS${ESC}0m`);
    const noColor = await run('script', ['-qec', command, '/dev/null'], { cwd: root, env: { ...env, NO_COLOR: '1' } });
    expect(noColor.stdout).toContain('conformance run passed');
    expect(noColor.stdout).not.toContain(ESC);
  });
});
