// Planted bug: DSError { uint16 code; opaque message<V> } with its own variable-length header reader
// and writer, off by one at the header-size boundaries (RFC 9420 §2.1.2): it thinks 63 needs two bytes
// and 16383 four, so it refuses the minimal 1-byte header of a 63-byte message.
import { createReader, decode, DEFAULT_LIMITS, fail, need, take } from '../../../dist/harness/codec/index.js';
import { dsError } from '../../../dist/harness/messages/index.js';
import { servePlanted } from './serve.mjs';

const minimalSize = (n) => (n < 63 ? 1 : n < 16383 ? 2 : 4); // BUG: should be n < 64 and n < 16384

function readHeader(r) {
  need(r, 1, 'header');
  const first = r.bytes[r.pos];
  if (first >> 6 === 3) fail(r, 'invalid-length-prefix', 'reserved prefix');
  const size = 1 << (first >> 6);
  need(r, size, 'header');
  let value = first & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + r.bytes[r.pos + i];
  if (minimalSize(value) !== size) fail(r, 'non-minimal-length', `${value} in ${size} bytes`);
  r.pos += size;
  return value;
}

function header(n) {
  const size = minimalSize(n);
  if (size === 1) return [n];
  if (size === 2) return [0x40 | (n >> 8), n & 0xff];
  return [0x80 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

servePlanted({
  DSError(bytes) {
    const r = createReader(bytes, DEFAULT_LIMITS, ['DSError']);
    const code = take(r, 2, 'code');
    const message = take(r, readHeader(r), 'message');
    if (r.pos !== bytes.length) fail(r, 'trailing-bytes', 'bytes after the value');
    const encoded = Uint8Array.from([...code, ...header(message.length), ...message]);
    // The code and the message's text rules are checked by the harness's own decoder on the canonical form.
    decode(dsError, Uint8Array.from([...code, ...(message.length < 64 ? [message.length] : [0x40 | (message.length >> 8), message.length & 0xff]), ...message]));
    return encoded;
  },
});
