// Planted bug: a hand-written element loop for KeyPackagesRequest { ClientID client_identifiers<V> }
// that skips an empty element by peeking at its first byte and never advances: an infinite loop on a
// zero-length element (the tls_codec bug the harness's vector decoder refuses, harness/codec/vector.ts).
import { createReader, DEFAULT_LIMITS, encode, fail, readVarint } from '../../../dist/harness/codec/index.js';
import { clientId, keyPackagesRequest } from '../../../dist/harness/messages/index.js';
import { servePlanted } from './serve.mjs';

servePlanted({
  KeyPackagesRequest(bytes) {
    const r = createReader(bytes, DEFAULT_LIMITS, ['KeyPackagesRequest']);
    const length = readVarint(r);
    if (length > bytes.length - r.pos) fail(r, 'length-exceeds-input', 'vector longer than the input');
    const end = r.pos + length;
    const ids = [];
    r.end = end;
    while (r.pos < end) {
      if (bytes[r.pos] === 0) continue; // BUG: "skip empty elements" without moving past them
      ids.push(clientId.read(r));
    }
    r.end = bytes.length;
    if (r.pos !== bytes.length) fail(r, 'trailing-bytes', 'bytes after the value');
    return encode(keyPackagesRequest, { client_identifiers: ids });
  },
});
