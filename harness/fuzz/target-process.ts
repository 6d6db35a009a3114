/**
 * One running target process: batched writes of input lines, answers read
 * back in order, a per-input timeout that restarts at every answer, and its
 * memory high-water mark (issue 12 §2, §4).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAnswerLine, type Answer } from './protocol.js';

/** The answers to a batch: for the inputs before the failure, if there was one. */
export interface Exchange {
  readonly answers: Answer[];
  readonly failure?: { readonly kind: 'crash'; readonly detail: string } | { readonly kind: 'hang'; readonly timeoutMs: number };
}

interface Pending {
  readonly expected: number;
  readonly answers: Answer[];
  readonly timeoutMs: number;
  timer: NodeJS.Timeout;
  readonly resolve: (exchange: Exchange) => void;
}

const STDERR_TAIL = 4000;

/**
 * The command, run by `/bin/sh -c "exec <command>"` in its own process group
 * (so its pid is the decoder's, for the memory reading, and a kill reaches
 * whatever it started).
 *
 * @example
 * const target = new TargetProcess('node bin/mimi-harness.js decode --stdin');
 * await target.exchange(['varint 25'], 10_000); // { answers: [{ ok: true, hex: '25' }] }
 */
export class TargetProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private carry = '';
  private stderrTail = '';
  private ended: string | undefined;
  private pending: Pending | undefined;

  constructor(command: string, cwd?: string) {
    this.child = spawn('/bin/sh', ['-c', `exec ${command}`], { cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.onData(chunk);
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    // A write to a process that died fails with EPIPE; its 'close' says what happened.
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error) => {
      this.end(`could not be started: ${error.message}`);
    });
    this.child.on('close', (code, signal) => {
      this.end(signal === null ? `exited with code ${code ?? '?'}` : `was killed by ${signal}`);
    });
  }

  /** Whether the process has ended (or was killed). */
  get alive(): boolean {
    return this.ended === undefined;
  }

  /**
   * Writes `lines` in one write and waits for one answer per line. The
   * first answer may take `firstTimeoutMs`, each further one `timeoutMs`
   * after the previous; past that the process is killed and the first
   * unanswered input hangs.
   */
  exchange(lines: readonly string[], firstTimeoutMs: number, timeoutMs = firstTimeoutMs): Promise<Exchange> {
    if (this.ended !== undefined) return Promise.resolve({ answers: [], failure: { kind: 'crash', detail: this.crashDetail() } });
    return new Promise((resolve) => {
      const pending: Pending = {
        expected: lines.length,
        answers: [],
        timeoutMs,
        timer: setTimeout(() => {
          this.finish({ kind: 'hang', timeoutMs: pending.answers.length === 0 ? firstTimeoutMs : timeoutMs });
          this.kill();
        }, firstTimeoutMs),
        resolve,
      };
      this.pending = pending;
      this.child.stdin.write(`${lines.join('\n')}\n`);
    });
  }

  /** VmPeak of /proc/<pid>/status in bytes (the largest virtual size so far), or undefined without /proc. */
  peakBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid ?? 0}/status`, 'utf8');
      const kb = /^VmPeak:\s+(\d+) kB$/m.exec(status)?.[1];
      return kb === undefined ? undefined : Number(kb) * 1024;
    } catch {
      return undefined;
    }
  }

  /** Kills the process group. */
  kill(): void {
    if (this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.end(this.ended ?? 'was killed by the fuzzer');
  }

  private crashDetail(): string {
    const tail = this.stderrTail.trim();
    return `the target ${this.ended ?? 'ended'}${tail ? `; stderr ends: ${tail.slice(-1500)}` : ''}`;
  }

  private onData(chunk: string): void {
    let text = this.carry + chunk;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      this.onLine(text.slice(0, newline));
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    this.carry = text;
  }

  private onLine(line: string): void {
    const pending = this.pending;
    const answer = parseAnswerLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (pending === undefined || answer === undefined) {
      const what = pending === undefined ? 'a line nobody asked for' : 'a line that is not an answer';
      this.finish({ kind: 'crash', detail: `the target printed ${what}: ${JSON.stringify(line.slice(0, 200))}` });
      this.kill();
      return;
    }
    pending.answers.push(answer);
    if (pending.answers.length === pending.expected) {
      this.finish();
      return;
    }
    pending.timer.refresh();
    if (pending.answers.length === 1) {
      clearTimeout(pending.timer);
      pending.timer = setTimeout(() => {
        this.finish({ kind: 'hang', timeoutMs: pending.timeoutMs });
        this.kill();
      }, pending.timeoutMs);
    }
  }

  private finish(failure?: Exchange['failure']): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(failure === undefined ? { answers: pending.answers } : { answers: pending.answers, failure });
  }

  private end(reason: string): void {
    this.ended ??= reason;
    this.finish({ kind: 'crash', detail: this.crashDetail() });
  }
}
