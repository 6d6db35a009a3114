import { bytesOfHex, judge, profileRecord, profileVerdict, protocolCodec, readFinding, type FuzzTarget } from '../fuzz/index.js';
import { targetWords } from './fuzz-output.js';
import { EXIT, UsageError, type CliIo } from './io.js';

/**
 * `fuzz --replay FILE`: sends a finding's input to the target once more and
 * prints both verdicts; exit 1 while they still disagree, 0 once fixed.
 *
 * @example
 * await replayFinding('fuzz-corpus/findings/DSError-3c0ff4f0b1a2.json', target, undefined, io)
 */
export async function replayFinding(path: string, target: FuzzTarget, codeTable: ReadonlyMap<string, string> | undefined, io: CliIo): Promise<number> {
  let file;
  try {
    file = readFinding(path);
  } catch (error) {
    throw new UsageError(`--replay ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const codec = protocolCodec(file.struct);
  const bytes = bytesOfHex(file.input);
  if (codec === undefined || bytes === undefined) throw new UsageError(`--replay ${path}: not a finding file (struct ${file.struct})`);
  const profile = profileVerdict(codec, file.struct, bytes);
  const [outcome] = await target.run([{ struct: file.struct, bytes }]);
  if (outcome === undefined) throw new Error('the target gave no outcome');
  const kind = judge(bytes, profile, outcome, codeTable);
  const record = profileRecord(profile);
  io.out(`replay ${path}: ${file.struct} ${file.input === '' ? '(empty)' : file.input}`);
  io.out(`  profile: ${record.ok ? 'accepted' : `refused (${record.code} at ${record.offset}${record.path ? `, ${record.path}` : ''})`}`);
  io.out(`  target:  ${targetWords({ target: outcome })}`);
  io.out(kind === undefined ? `  they agree now (the finding was ${file.kind})` : `  still ${kind} (the finding was ${file.kind})`);
  return kind === undefined ? EXIT.ok : EXIT.refused;
}
