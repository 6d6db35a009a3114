import { encode, EncodeError, JsonShapeError, toHex } from '../codec/index.js';
import { onlyOptions, type ParsedArgs } from './args.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { codecNamed } from './structs.js';

/**
 * `mimi-harness encode <Struct> <json>`: the JSON form (as `decode` prints
 * it) in, the encoding as hex out. A JSON document of the wrong shape, or a
 * value the profile does not allow, exits 1 with the field path.
 *
 * @example
 * await encodeCommand(parseArgs(['DSError', '{"code":"unknown_group","message":""}'], []), io)
 */
export function encodeCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyOptions(args, []);
  const [name, json, ...rest] = args.positional;
  if (name === undefined || json === undefined || rest.length > 0) throw new UsageError('encode needs a struct name and one JSON argument');
  const codec = codecNamed(name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    io.err(`${name}: the argument is not JSON (${error instanceof Error ? error.message : String(error)})`);
    return Promise.resolve(EXIT.refused);
  }
  try {
    io.out(toHex(encode(codec, codec.fromJson(parsed, name), name)));
    return Promise.resolve(EXIT.ok);
  } catch (error) {
    if (error instanceof JsonShapeError || error instanceof EncodeError) {
      io.err(`${name}: ${error.message}`);
      return Promise.resolve(EXIT.refused);
    }
    throw error;
  }
}
