/**
 * A fuzz target: something that decodes inputs and answers in the decoder
 * protocol. A spawned process (spawned-target.ts) or a function in this
 * process (for the harness's own decoder and for throughput, issue 12 §4).
 */
import { encode } from '../codec/index.js';
import { hexOf } from './hex.js';
import { profileVerdict, withoutStacks } from './profile-verdict.js';
import { UNSUPPORTED_STRUCT, type Answer } from './protocol.js';
import { protocolCodec } from './structs.js';

/** One input as sent: the struct name and the bytes. */
export interface TargetInput {
  readonly struct: string;
  readonly bytes: Uint8Array;
}

/**
 * An answer as a target gave it: a protocol answer, or (from a function in
 * this process) the re-encoding as bytes, which saves turning it into hex.
 */
export type TargetAnswer = Answer | { readonly ok: true; readonly bytes: Uint8Array };

/** What happened to one input at the target. */
export type TargetOutcome =
  | { readonly kind: 'answer'; readonly answer: TargetAnswer }
  /** The process died on it, or printed something that is not an answer. */
  | { readonly kind: 'crash'; readonly detail: string }
  /** No answer within the per-input timeout. */
  | { readonly kind: 'hang'; readonly timeoutMs: number }
  /** Its memory grew past the bound while it decoded this input (it may still have answered). */
  | { readonly kind: 'memory'; readonly growthBytes: number; readonly boundBytes: number; readonly answer?: TargetAnswer }
  /** Not sent: an earlier input of the same call failed and the caller asked to stop there. */
  | { readonly kind: 'skipped' };

/** Options of one {@link FuzzTarget.run} call. */
export interface RunOptions {
  /** Stop at the first crash, hang or memory outcome; the inputs after it are `skipped`. */
  readonly stopAtFailure?: boolean;
}

/**
 * A decoder under test. `run` answers every input in order; after a crash
 * or hang the target restarts itself and the run goes on.
 */
export interface FuzzTarget {
  /** What is being fuzzed, e.g. the command line. */
  readonly description: string;
  run(inputs: readonly TargetInput[], options?: RunOptions): Promise<TargetOutcome[]>;
  /** Times the target was restarted after a crash, hang or memory finding. */
  readonly restarts: number;
  /** Whether the memory bound is checked, and how (for the summary). */
  readonly memoryCheck: string;
  close(): Promise<void>;
}

/** A decoder function in this process: answers like a protocol target (or with its re-encoding as bytes); throwing is a crash. */
export type InProcessDecoder = (struct: string, bytes: Uint8Array) => TargetAnswer;

/**
 * The harness's own decoder as a function: its re-encoding or its DecodeError's code.
 *
 * @example
 * ownDecoder('varint', Uint8Array.of(0x25)) // { ok: true, bytes: Uint8Array [0x25] }
 */
export const ownDecoder: InProcessDecoder = (struct, bytes) => {
  const codec = protocolCodec(struct);
  if (codec === undefined) return { ok: false, code: UNSUPPORTED_STRUCT };
  const verdict = profileVerdict(codec, struct, bytes);
  return verdict.ok ? { ok: true, bytes: withoutStacks(() => encode(codec, verdict.value, struct)) } : { ok: false, code: verdict.code };
};

/**
 * The answer as the protocol writes it (bytes turned into hex).
 *
 * @example
 * protocolAnswer({ ok: true, bytes: Uint8Array.of(0x25) }) // { ok: true, hex: '25' }
 */
export function protocolAnswer(answer: TargetAnswer): Answer {
  return 'bytes' in answer ? { ok: true, hex: hexOf(answer.bytes) } : answer;
}

/**
 * A target that calls `decoder` in this process (default: the harness's
 * own). No hang or memory detection: a hang would hang the fuzzer too.
 *
 * @example
 * const summary = await fuzz(inProcessTarget(), { structs: ['DSError'], seed: 1, runs: 10_000 });
 */
export function inProcessTarget(decoder: InProcessDecoder = ownDecoder, description = 'in-process harness decoder'): FuzzTarget {
  return {
    description,
    restarts: 0,
    memoryCheck: 'none (in-process)',
    run(inputs, options = {}) {
      const out: TargetOutcome[] = [];
      let failed = false;
      for (const input of inputs) {
        if (failed) {
          out.push({ kind: 'skipped' });
          continue;
        }
        try {
          out.push({ kind: 'answer', answer: decoder(input.struct, input.bytes) });
        } catch (error) {
          out.push({ kind: 'crash', detail: `threw ${String(error)}` });
          failed = options.stopAtFailure === true;
        }
      }
      return Promise.resolve(out);
    },
    close: () => Promise.resolve(),
  };
}
