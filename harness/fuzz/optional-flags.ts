import { profileVerdict } from './profile-verdict.js';
import type { Seed } from './seeds.js';

/** At most this many bytes are probed per seed. */
const PROBES = 256;

/**
 * The positions of `optional<T>` presence bytes in a seed (RFC 9420 §2.1.3),
 * found once per seed by probing: a 0 or 1 byte is a presence byte if
 * setting it to 2 makes the profile's decoder refuse with
 * `bad-optional-flag` exactly there. The encode trace does not record them.
 *
 * @example
 * optionalFlags(seed) // [12]
 */
export function optionalFlags(seed: Seed): readonly number[] {
  if (seed.optionalFlags !== undefined) return seed.optionalFlags;
  const candidates: number[] = [];
  seed.bytes.forEach((byte, at) => {
    if (byte <= 1) candidates.push(at);
  });
  const step = Math.max(1, Math.ceil(candidates.length / PROBES));
  const found: number[] = [];
  const probe = seed.bytes.slice();
  for (let i = 0; i < candidates.length; i += step) {
    const at = candidates[i] ?? 0;
    const before = probe[at] ?? 0;
    probe[at] = 2;
    const verdict = profileVerdict(seed.codec, seed.struct, probe);
    probe[at] = before;
    if (!verdict.ok && verdict.code === 'bad-optional-flag' && verdict.offset === at) found.push(at);
  }
  seed.optionalFlags = found;
  return found;
}
