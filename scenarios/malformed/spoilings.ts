import fc from 'fast-check';
import { bitFlip, createTrace, encodeTraced, hugeLength, nonMinimalHeader, type Codec, type EncodeTrace } from '../../harness/codec/index.js';

/** One spoiled body: which family spoiled it, how, and the bytes sent. */
export interface SpoiledBody {
  readonly family: SpoilFamily;
  readonly how: string;
  readonly bytes: Uint8Array;
}

/** The spoiling families of issue 10 §3 "malformed", each applied to every valid body drawn. */
export type SpoilFamily = 'truncated' | 'trailing-bytes' | 'bit-flip' | 'non-minimal-length' | 'oversize-length' | 'wrong-version' | 'empty' | 'random';

/** The numbers a spoiling draws (positions, bits, extra bytes, noise), so that fast-check shrinks them with the value. */
export interface SpoilDraw {
  readonly cut: number;
  readonly trailing: Uint8Array;
  readonly flipAt: number;
  readonly flipBit: number;
  readonly headerPick: number;
  readonly version: number;
  readonly noise: Uint8Array;
}

/**
 * The draws for {@link spoil}: every field small and shrinkable.
 *
 * @example
 * fc.sample(spoilDraw(), 1)
 */
export function spoilDraw(): fc.Arbitrary<SpoilDraw> {
  return fc.record({
    cut: fc.nat(),
    trailing: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    flipAt: fc.nat(),
    flipBit: fc.integer({ min: 0, max: 7 }),
    headerPick: fc.nat(),
    // DSProtocolVersion is uint16 and only 1 is defined (profile §1): 0 and 2..65535 are all wrong.
    version: fc.oneof(fc.constant(0), fc.integer({ min: 2, max: 0xffff })),
    noise: fc.uint8Array({ maxLength: 64 }),
  });
}

/** The empty body, the same for every value, so a check sends it once rather than per run. @example await send(EMPTY_BODY.bytes) */
export const EMPTY_BODY: SpoiledBody = { family: 'empty', how: 'no bytes', bytes: new Uint8Array(0) };

/** The first DSProtocolVersion written (a uint16 literal allowing only 1): where a wrong version goes. */
function versionMark(trace: EncodeTrace): { readonly pos: number } | undefined {
  return trace.marks.find((m) => m.kind === 'enum' && m.width === 2 && m.allowed.size === 1 && m.allowed.has(1));
}

/**
 * Every spoiling of one valid encoding of `value` (issue 10 §3): cut short,
 * trailing bytes, one bit flipped, a non-minimal varint header (RFC 9420
 * §2.1.2), a length header claiming far more than there is, a wrong
 * DSProtocolVersion and random bytes. A family that does not apply to this
 * value (no varint header, say) is left out. The empty body is the same for
 * every value: {@link EMPTY_BODY}, sent once.
 *
 * @example
 * const bodies = spoil(dsRequest, value, draw);
 */
export function spoil<T>(codec: Codec<T>, value: T, draw: SpoilDraw): { readonly valid: Uint8Array; readonly spoiled: readonly SpoiledBody[] } {
  const { bytes: valid, trace } = encodeTraced(codec, value, '', createTrace());
  const marks = trace ?? createTrace();
  const out: SpoiledBody[] = [];
  const add = (family: SpoilFamily, how: string, bytes: Uint8Array | undefined) => {
    if (bytes !== undefined) out.push({ family, how, bytes });
  };
  const cut = valid.length === 0 ? 0 : draw.cut % valid.length;
  add('truncated', `cut to ${cut} of ${valid.length} bytes`, valid.slice(0, cut));
  add('trailing-bytes', `${draw.trailing.length} byte(s) appended`, Uint8Array.from([...valid, ...draw.trailing]));
  const flipped = bitFlip(valid, draw.flipAt, draw.flipBit);
  add('bit-flip', flipped?.name ?? '', flipped?.bytes);
  const longer = nonMinimalHeader(valid, marks, draw.headerPick);
  add('non-minimal-length', longer?.name ?? '', longer?.bytes);
  const huge = hugeLength(valid, marks, draw.headerPick);
  add('oversize-length', huge?.name ?? '', huge?.bytes);
  const version = versionMark(marks);
  if (version !== undefined) {
    const wrong = valid.slice();
    wrong[version.pos] = (draw.version >> 8) & 0xff;
    wrong[version.pos + 1] = draw.version & 0xff;
    add('wrong-version', `DSProtocolVersion ${draw.version} at ${version.pos}`, wrong);
  }
  add('random', `${draw.noise.length} random bytes`, draw.noise);
  return { valid, spoiled: out };
}
