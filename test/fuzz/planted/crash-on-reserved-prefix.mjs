// Planted bug: a DSError decoder that throws (and dies: nothing catches it) on a header with the reserved
// prefix 0b11, and that prints a debug line instead of an answer for an empty message. Both are crashes
// of the protocol; the fuzzer must restart it and go on.
import { decode, encode } from '../../../dist/harness/codec/index.js';
import { dsError } from '../../../dist/harness/messages/index.js';
import { servePlanted } from './serve.mjs';

servePlanted({
  DSError(bytes) {
    if (bytes.length > 2 && bytes[2] >> 6 === 3) throw new Error('unreachable: length prefix 3'); // BUG
    if (bytes.length === 3 && bytes[2] === 0) console.log('debug: empty message'); // BUG: not an answer
    return encode(dsError, decode(dsError, bytes, { rootName: 'DSError' }));
  },
});
