// Planted bug: a correct decoder (the harness's) with an encoder that writes DSError's message header in
// two bytes even when one would do: a non-minimal header (RFC 9420 §2.1.2), so every short message re-encodes differently.
import { decode } from '../../../dist/harness/codec/index.js';
import { dsError, DSErrorCode } from '../../../dist/harness/messages/index.js';
import { servePlanted } from './serve.mjs';

servePlanted({
  DSError(bytes) {
    const value = decode(dsError, bytes, { rootName: 'DSError' });
    const message = new TextEncoder().encode(value.message);
    const code = DSErrorCode[value.code];
    return Uint8Array.from([code >> 8, code & 0xff, 0x40 | (message.length >> 8), message.length & 0xff, ...message]); // BUG: always 2 bytes
  },
});
