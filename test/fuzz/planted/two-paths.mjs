// Planted bug: DSError decoded by two paths that disagree: a fast path for all-ASCII messages that skips
// the profile's text rule (no control characters, docs/PROFILE.md §3), and the harness's decoder for the rest.
import { createReader, decode, DEFAULT_LIMITS, encode, fail, readVarint, take } from '../../../dist/harness/codec/index.js';
import { dsError, dsErrorCode } from '../../../dist/harness/messages/index.js';
import { servePlanted } from './serve.mjs';

servePlanted({
  DSError(bytes) {
    const r = createReader(bytes, DEFAULT_LIMITS, ['DSError']);
    dsErrorCode.read(r);
    const length = readVarint(r);
    if (length > bytes.length - r.pos) fail(r, 'length-exceeds-input', 'message longer than the input');
    const message = take(r, length, 'message');
    if (r.pos !== bytes.length) fail(r, 'trailing-bytes', 'bytes after the value');
    if (message.every((b) => b < 0x80)) return bytes.slice(); // fast path: ASCII needs no checks (BUG)
    return encode(dsError, decode(dsError, bytes));
  },
});
