/**
 * A target command the fuzzer spawns once and keeps running (issue 12 §1,
 * §4): inputs go in batches (one write of many lines), the process is
 * restarted after a crash or hang and the run goes on, and its memory is
 * watched: VmPeak of /proc/<pid>/status (the largest virtual size so far)
 * must not grow by more than the bound while it decodes one batch (read just
 * before the batch is written, so what the process reserves on its own
 * between batches, such as a runtime's lazily started parts, is not
 * counted). VmPeak, not the resident size, because an allocation sized from an
 * untrusted length is often never touched (calloc'd pages cost no RSS) and
 * is the bug all the same. When a batch crosses the bound, its inputs are
 * replayed one at a time in a fresh process to find the one that did it.
 */
import { hexOf } from './hex.js';
import { requestLine, type Answer } from './protocol.js';
import { TargetProcess, type Exchange } from './target-process.js';
import type { FuzzTarget, RunOptions, TargetInput, TargetOutcome } from './target.js';

/** How a command is run as a target. */
export interface SpawnOptions {
  readonly command: string;
  readonly cwd?: string;
  /** Per-input timeout: longer without an answer is a hang (default 1000 ms). */
  readonly timeoutMs?: number;
  /** Time for the warm-up answer after each start (default 15,000 ms). */
  readonly startTimeoutMs?: number;
  /** Largest VmPeak growth while decoding one input (default 256 MiB; 0 turns the check off). */
  readonly memoryBoundBytes?: number;
  /** Sent after every start; its answer is not judged. */
  readonly warmup: TargetInput;
  /** Most lines per write (default 256); a batch also stops at about 1 MiB. */
  readonly batchLines?: number;
}

const BATCH_BYTES = 1 << 20;

/** The target could not even answer its warm-up input. */
export class TargetStartError extends Error {
  override readonly name = 'TargetStartError';
}

function lineOf(input: TargetInput): string {
  return requestLine(input.struct, hexOf(input.bytes));
}

function failureOutcome(failure: NonNullable<Exchange['failure']>): TargetOutcome {
  return failure.kind === 'crash' ? { kind: 'crash', detail: failure.detail } : { kind: 'hang', timeoutMs: failure.timeoutMs };
}

/**
 * Spawns `options.command` as a decoder-protocol target.
 *
 * @example
 * const target = spawnedTarget({ command: 'npx mimi-harness decode --stdin', warmup: { struct: 'varint', bytes: Uint8Array.of(0) } });
 * await target.run([{ struct: 'varint', bytes: Uint8Array.of(0x40, 0x25) }]); // [{ kind: 'answer', answer: { ok: false, code: 'non-minimal-length' } }]
 * await target.close();
 */
export function spawnedTarget(options: SpawnOptions): FuzzTarget {
  const timeoutMs = options.timeoutMs ?? 1000;
  const bound = options.memoryBoundBytes ?? 256 * 1024 * 1024;
  const batchLines = options.batchLines ?? 256;
  let current: TargetProcess | undefined;
  let baseline: number | undefined;
  let starts = 0;
  // A second process, started and warmed up ahead: after a crash the run goes on at once instead of
  // waiting for a start (a Node target needs most of a second to load its codecs).
  let spare: Promise<Started | TargetStartError> | undefined;

  interface Started {
    readonly process: TargetProcess;
    readonly baseline: number | undefined;
  }

  async function start(): Promise<Started> {
    const process = new TargetProcess(options.command, options.cwd);
    const line = requestLine(options.warmup.struct, hexOf(options.warmup.bytes));
    const warm = await process.exchange([line], options.startTimeoutMs ?? 15_000);
    if (warm.failure !== undefined) {
      process.kill();
      const why = warm.failure.kind === 'crash' ? warm.failure.detail : `no answer within ${warm.failure.timeoutMs} ms`;
      throw new TargetStartError(`the target did not answer its warm-up input "${line}": ${why}`);
    }
    return { process, baseline: process.peakBytes() };
  }

  async function ready(): Promise<TargetProcess> {
    if (current?.alive) return current;
    let next = spare === undefined ? await start() : await spare;
    if (next instanceof TargetStartError) throw next;
    if (!next.process.alive) next = await start();
    spare = start().catch((error: unknown) => (error instanceof TargetStartError ? error : new TargetStartError(String(error))));
    starts += 1;
    current = next.process;
    baseline = next.baseline;
    return current;
  }

  function restart(): void {
    current?.kill();
    current = undefined;
  }

  function growth(process: TargetProcess): number {
    const peak = process.peakBytes();
    return peak === undefined || baseline === undefined ? 0 : peak - baseline;
  }

  function overBound(process: TargetProcess): boolean {
    return bound > 0 && growth(process) > bound;
  }

  /**
   * Sends `inputs` one at a time to a fresh process until one fails (a
   * crash, a hang, or memory past the bound); returns the outcomes up to and
   * including that one. Used after a batch failed or crossed the memory
   * bound: a target may hold its answers until it has read a whole chunk
   * (the harness's own does), so the first unanswered input of a batch is
   * not necessarily the culprit, and a memory reading covers the batch.
   */
  async function oneByOne(inputs: readonly TargetInput[]): Promise<TargetOutcome[]> {
    restart();
    const out: TargetOutcome[] = [];
    for (const input of inputs) {
      const process = await ready();
      baseline = process.peakBytes() ?? baseline;
      const exchange = await process.exchange([lineOf(input)], timeoutMs);
      const answer: Answer | undefined = exchange.answers[0];
      if (exchange.failure !== undefined || answer === undefined) {
        out.push(failureOutcome(exchange.failure ?? { kind: 'crash', detail: 'no answer' }));
        restart();
        return out;
      }
      if (overBound(process)) {
        out.push({ kind: 'memory', growthBytes: growth(process), boundBytes: bound, answer });
        restart();
        return out;
      }
      out.push({ kind: 'answer', answer });
    }
    return out;
  }

  function nextChunk(inputs: readonly TargetInput[], from: number): readonly TargetInput[] {
    let bytes = 0;
    let end = from;
    while (end < inputs.length && end - from < batchLines && (end === from || bytes < BATCH_BYTES)) {
      bytes += 2 * (inputs[end]?.bytes.length ?? 0) + 32;
      end += 1;
    }
    return inputs.slice(from, end);
  }

  return {
    description: options.command,
    get restarts() {
      return Math.max(0, starts - 1);
    },
    get memoryCheck() {
      if (bound === 0) return 'off';
      return current?.peakBytes() === undefined && baseline === undefined ? 'unavailable (no /proc/<pid>/status)' : `VmPeak growth per input at most ${Math.round(bound / 2 ** 20)} MiB`;
    },
    async run(inputs: readonly TargetInput[], runOptions: RunOptions = {}): Promise<TargetOutcome[]> {
      const out: TargetOutcome[] = [];
      let at = 0;
      const failed = (): boolean => runOptions.stopAtFailure === true && out.some((o) => o.kind !== 'answer' && o.kind !== 'skipped');
      while (at < inputs.length && !failed()) {
        const process = await ready();
        const chunk = nextChunk(inputs, at);
        baseline = process.peakBytes() ?? baseline;
        const exchange = await process.exchange(chunk.map(lineOf), timeoutMs);
        if (exchange.failure === undefined && !overBound(process)) {
          for (const answer of exchange.answers) out.push({ kind: 'answer', answer });
          at += chunk.length;
          continue;
        }
        // Answers that came before a failure stand; the rest are replayed one by one to find the culprit.
        const answered = exchange.failure === undefined ? 0 : exchange.answers.length;
        for (const answer of exchange.answers.slice(0, answered)) out.push({ kind: 'answer', answer });
        const replayed = await oneByOne(chunk.slice(answered));
        out.push(...replayed);
        at += answered + replayed.length;
      }
      while (out.length > inputs.length) out.pop();
      while (out.length < inputs.length) out.push({ kind: 'skipped' });
      return out;
    },
    async close() {
      restart();
      const last = await spare;
      spare = undefined;
      if (last !== undefined && !(last instanceof TargetStartError)) last.process.kill();
    },
  };
}
