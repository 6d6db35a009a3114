/**
 * The corpus directory (`--corpus DIR`, docs/FUZZING.md): `*.txt` files of
 * `<Struct> <hex>` lines (blank lines and `#` comments allowed) are seeds,
 * and so is every earlier finding in `DIR/findings/` (a regression corpus).
 * New findings are written there as `<struct>-<hash>.json`
 * (docs/schemas/fuzz/finding.schema.json), so the findings of shards run
 * into the same directory merge by name.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingFileName, type Finding } from './finding.js';
import { parseRequestLine } from './protocol.js';
import type { CorpusInput } from './seeds.js';

/** A finding file as written: the finding, the command, the run's seed and how to replay it. */
export interface FindingFile extends Omit<Finding, 'hex' | 'originalHex'> {
  readonly $schema: string;
  /** The minimized input, hex. */
  readonly input: string;
  readonly originalInput: string;
  readonly against: string;
  readonly seed: number;
  /** One line that replays it through the harness, with both verdicts. */
  readonly replay: string;
  /** One line that shows the target's own answer, without the harness. */
  readonly pipe: string;
}

const SCHEMA = 'https://mimi-transport-harness.invalid/schemas/fuzz/finding.schema.json';

/**
 * Quotes `text` for a POSIX shell.
 *
 * @example
 * shellQuote("it's") // 'it'\''s'
 */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Reads the seeds of a corpus directory (none when it does not exist).
 *
 * @example
 * readCorpus('fuzz-corpus') // [{ struct: 'DSError', hex: '000400', origin: 'corpus seeds.txt:1' }, …]
 */
export function readCorpus(dir: string): CorpusInput[] {
  if (!existsSync(dir)) return [];
  const out: CorpusInput[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#')) return;
        const request = parseRequestLine(text);
        if (request !== undefined) out.push({ struct: request.struct, hex: text.slice(text.indexOf(' ') + 1).toLowerCase(), origin: `corpus ${name}:${i + 1}` });
      });
  }
  const findings = join(dir, 'findings');
  if (existsSync(findings)) {
    for (const name of readdirSync(findings).filter((n) => n.endsWith('.json')).sort()) {
      const file = JSON.parse(readFileSync(join(findings, name), 'utf8')) as Partial<FindingFile>;
      if (typeof file.struct === 'string' && typeof file.input === 'string') out.push({ struct: file.struct, hex: file.input, origin: `finding ${name}` });
    }
  }
  return out;
}

/**
 * Writes (or rewrites) `finding` as `dir/findings/<struct>-<hash>.json` and returns the path.
 *
 * @example
 * writeFinding('fuzz-corpus', finding, { against: './my-decoder', seed: 1, harness: 'npx mimi-harness' })
 */
export function writeFinding(dir: string, finding: Finding, run: { readonly against: string; readonly seed: number; readonly harness: string }): string {
  const folder = join(dir, 'findings');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, findingFileName(finding));
  const { hex, originalHex, ...rest } = finding;
  const file: FindingFile = {
    $schema: SCHEMA,
    ...rest,
    input: hex,
    originalInput: originalHex,
    against: run.against,
    seed: run.seed,
    replay: `${run.harness} fuzz --against ${shellQuote(run.against)} --replay ${shellQuote(path)}`,
    pipe: `printf '%s\\n' ${shellQuote(`${finding.struct} ${hex}`)} | ${run.against}`,
  };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

/**
 * Reads a finding file back.
 *
 * @example
 * readFinding('fuzz-corpus/findings/DSError-3c0ff4f0b1a2.json').input
 */
export function readFinding(path: string): FindingFile {
  return JSON.parse(readFileSync(path, 'utf8')) as FindingFile;
}
