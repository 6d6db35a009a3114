/**
 * Hex for the decoder protocol, with lookup tables: the fuzzer turns every
 * input into hex and every answer back, so `codec/json.ts`'s general
 * `toHex` / `fromHex` (string concatenation, a regex) would dominate a run.
 */

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[97 + i] = 10 + i;
  NIBBLE[65 + i] = 10 + i;
}

/**
 * Lower-case hex of `bytes`.
 *
 * @example
 * hexOf(Uint8Array.of(0x4a, 0x01)) // '4a01'
 */
export function hexOf(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = BYTE_HEX[bytes[i] ?? 0] ?? '00';
  return parts.join('');
}

/**
 * The bytes of an even-length hex string (either case), or undefined for
 * anything else.
 *
 * @example
 * bytesOfHex('4A01') // Uint8Array [0x4a, 0x01]
 * bytesOfHex('4a0')  // undefined
 */
export function bytesOfHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = NIBBLE[hex.charCodeAt(2 * i)] ?? -1;
    const low = NIBBLE[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (high < 0 || low < 0) return undefined;
    out[i] = high * 16 + low;
  }
  return out;
}

/**
 * Whether two byte strings are equal.
 *
 * @example
 * sameBytes(Uint8Array.of(1), Uint8Array.of(1)) // true
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
