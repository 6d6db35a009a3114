import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, encode, fromHex, mlsMessage, ratchetTree, toHex, varint } from '../codec/index.js';
import { checkNegative, checkPositive, registryEntry, type StructVectors } from '../messages/index.js';
import type { CheckResult } from './checks.js';

function verdict(id: string, problem: string | undefined, passed: string): CheckResult {
  return problem === undefined ? { id, status: 'pass', evidence: passed } : { id, status: 'fail', evidence: problem };
}

/**
 * One check per vector: positives decode, re-encode exactly and match their
 * JSON; negatives are refused with the expected code and offset.
 *
 * @example
 * const results = vectorChecks(readVectorFiles(dir));
 */
export function vectorChecks(all: readonly StructVectors[]): CheckResult[] {
  return all.flatMap((vectors) => {
    const entry = registryEntry(vectors.struct);
    if (entry === undefined) return [{ id: `vectors/${vectors.struct}`, status: 'fail', evidence: 'no such struct in the registry' } satisfies CheckResult];
    const positive = vectors.positive.map((v, i) =>
      verdict(`vectors/${vectors.struct}/positive/${i}`, checkPositive(entry, v, fromHex(v.hex, v.name)), `${v.hex.length / 2} bytes decode and re-encode exactly`),
    );
    const negative = vectors.negative.map((v, i) =>
      verdict(`vectors/${vectors.struct}/negative/${i}`, checkNegative(entry, v, fromHex(v.hex, v.name)), `refused with ${v.error.code} at ${v.error.offset}`),
    );
    return [...positive, ...negative];
  });
}

const MLS_MESSAGE_KEYS = ['mls_welcome', 'mls_group_info', 'mls_key_package', 'public_message_application', 'public_message_proposal', 'public_message_commit', 'private_message'];

/**
 * The MLS working group's vectors in `dir`: every variable-length header of
 * deserialization.json, and every MLSMessage and ratchet tree of
 * messages.json, through our codecs, byte-exact.
 *
 * @example
 * const results = mlsWgChecks(join(packageRoot(), 'fixtures', 'mls-wg'));
 */
export function mlsWgChecks(dir: string): CheckResult[] {
  const headersFile = join(dir, 'deserialization.json');
  const messagesFile = join(dir, 'messages.json');
  if (!existsSync(headersFile) || !existsSync(messagesFile)) return [{ id: 'mls-wg', status: 'skip', evidence: `no MLS WG vectors in ${dir}` }];
  const headers = JSON.parse(readFileSync(headersFile, 'utf8')) as { vlbytes_header: string; length: number }[];
  const entries = JSON.parse(readFileSync(messagesFile, 'utf8')) as Record<string, string>[];
  const results: CheckResult[] = [];
  const headerProblems = headers.filter(({ vlbytes_header, length }) => {
    try {
      return decode(varint, fromHex(vlbytes_header, 'header')) !== length || toHex(encode(varint, length)) !== vlbytes_header;
    } catch {
      return true;
    }
  });
  results.push(verdict('mls-wg/deserialization', headerProblems.length ? `${headerProblems.length} headers wrong, first ${headerProblems[0]?.vlbytes_header ?? ''}` : undefined, `${headers.length} headers`));
  for (const key of [...MLS_MESSAGE_KEYS, 'ratchet_tree']) {
    const codec = key === 'ratchet_tree' ? ratchetTree : mlsMessage;
    const broken = entries.findIndex((entry) => {
      try {
        const hex = entry[key] ?? '';
        return toHex(encode(codec as typeof mlsMessage, decode(codec as typeof mlsMessage, fromHex(hex, key)))) !== hex;
      } catch {
        return true;
      }
    });
    results.push(verdict(`mls-wg/messages/${key}`, broken >= 0 ? `entry ${broken} does not round-trip` : undefined, `${entries.length} entries round-trip byte-exact`));
  }
  return results;
}
