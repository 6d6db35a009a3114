// Planted bug: a DSError decoder that skips over an unknown error code instead of refusing it
// (RFC 8446 §3.5, docs/PROFILE.md §3: the enum is closed): it checks the rest and echoes the number.
import { decode, encode } from '../../../dist/harness/codec/index.js';
import { dsError, DSErrorCode } from '../../../dist/harness/messages/index.js';
import { servePlanted } from './serve.mjs';

const known = new Set(Object.values(DSErrorCode));

servePlanted({
  DSError(bytes) {
    const code = bytes.length >= 2 ? bytes[0] * 256 + bytes[1] : -1;
    if (code < 0 || known.has(code)) return encode(dsError, decode(dsError, bytes, { rootName: 'DSError' }));
    const rest = bytes.slice();
    rest[0] = 0; // BUG: read the rest as if the code were known
    rest[1] = 0;
    decode(dsError, rest, { rootName: 'DSError' });
    return bytes.slice();
  },
});
