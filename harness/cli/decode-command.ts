import { DecodeError, decode, fromHex, type Codec, type Json } from '../codec/index.js';
// The protocol's modules, not fuzz/index.js (which brings the endpoint fuzzer and the network): see main.ts.
import { ownAnswer } from '../fuzz/profile-verdict.js';
import { answerLine } from '../fuzz/protocol.js';
import { onlyOptions, type ParsedArgs } from './args.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { codecNamed } from './structs.js';

type Outcome = { ok: true; value: Json } | { ok: false; error: { code: string; offset: number; path: string; detail: string } };

function decodeHex(codec: Codec<unknown>, name: string, hex: string): Outcome {
  const clean = hex.trim();
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    return { ok: false, error: { code: 'bad-hex', offset: 0, path: '', detail: 'input is not an even-length hex string' } };
  }
  try {
    return { ok: true, value: codec.toJson(decode(codec, fromHex(clean, 'input'), { rootName: name })) };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, error: error.toJSON() };
    throw error;
  }
}

/**
 * The decoder protocol (docs/FUZZING.md): one `<Struct> <hex>` line in, one
 * answer line out, in order. Answers are gathered and written once per batch
 * of input that arrived together (a setImmediate after the last line of a
 * chunk), so a fuzzer's batched writes cost one write back, not one per line.
 */
async function speakProtocol(io: CliIo): Promise<void> {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    io.out(pending.join('\n'));
    pending = [];
  };
  for await (const line of io.lines()) {
    pending.push(answerLine(ownAnswer(line)));
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }
  flush();
}

/**
 * `mimi-harness decode <Struct> <hex>`: the value as JSON (exit 0) or the
 * DecodeError as JSON (exit 1). With `--stdin`, one hex string per line in,
 * one JSON line per input out: `{"ok":true,"value":...}` or
 * `{"ok":false,"error":{code,offset,path}}`. With `--stdin` and no struct
 * name, it speaks the decoder protocol of docs/FUZZING.md (`<Struct> <hex>`
 * per line in, `{"ok":true,"hex":...}` or `{"ok":false,"code":...}` out), the
 * fuzzer's first target.
 *
 * @example
 * await decodeCommand(parseArgs(['DSError', '000400'], ['stdin']), io)
 * await decodeCommand(parseArgs(['--stdin'], ['stdin']), io) // the decoder protocol
 */
export async function decodeCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyOptions(args, ['stdin']);
  const [name, hex, ...rest] = args.positional;
  if (name === undefined && args.options.has('stdin')) {
    await speakProtocol(io);
    return EXIT.ok;
  }
  if (name === undefined) throw new UsageError('decode needs a struct name (or --stdin alone for the decoder protocol)');
  const codec = codecNamed(name);
  if (args.options.has('stdin')) {
    if (hex !== undefined) throw new UsageError('decode --stdin takes no hex argument');
    for await (const line of io.lines()) io.out(JSON.stringify(decodeHex(codec, name, line)));
    return EXIT.ok;
  }
  if (hex === undefined || rest.length > 0) throw new UsageError('decode needs exactly one hex argument (or --stdin)');
  const outcome = decodeHex(codec, name, hex);
  if (outcome.ok) {
    io.out(JSON.stringify(outcome.value, null, 2));
    return EXIT.ok;
  }
  io.out(JSON.stringify(outcome.error, null, 2));
  io.err(`${name}: ${outcome.error.code} at offset ${outcome.error.offset}${outcome.error.path ? ` (${outcome.error.path})` : ''}: ${outcome.error.detail}`);
  return EXIT.refused;
}
