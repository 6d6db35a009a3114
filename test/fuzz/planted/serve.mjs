// The line loop every planted-bug decoder shares (docs/FUZZING.md): one `<Struct> <hex>` line in, one
// answer line out, answers written once per chunk of input. Structs without a planted decoder get the
// harness's own answer. Built on dist/ (npm run build): these are real processes, as a target would be.
import { createInterface } from 'node:readline';
import { DecodeError } from '../../../dist/harness/codec/index.js';
// The fuzz modules one by one, not fuzz/index.js (which loads the whole harness, ~0.4 s a start):
// the fuzzer restarts a crashed target, and minimizing a crash restarts it once per attempt.
import { hexOf } from '../../../dist/harness/fuzz/hex.js';
import { ownAnswer } from '../../../dist/harness/fuzz/profile-verdict.js';
import { answerLine, parseRequestLine } from '../../../dist/harness/fuzz/protocol.js';

/**
 * Serves the decoder protocol; `planted[struct](bytes)` returns the re-encoding (Uint8Array) or throws
 * a DecodeError, which is answered with its code. Anything else it throws crashes the process.
 */
export function servePlanted(planted) {
  let pending = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length > 0) process.stdout.write(`${pending.join('\n')}\n`);
    pending = [];
  };
  const answer = (line) => {
    const request = parseRequestLine(line);
    const decoder = request === undefined ? undefined : planted[request.struct];
    if (decoder === undefined) return ownAnswer(line);
    try {
      return { ok: true, hex: hexOf(decoder(request.bytes)) };
    } catch (error) {
      if (error instanceof DecodeError) return { ok: false, code: error.code };
      throw error;
    }
  };
  createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on('line', (line) => {
      pending.push(answerLine(answer(line)));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    })
    .on('close', flush);
}
