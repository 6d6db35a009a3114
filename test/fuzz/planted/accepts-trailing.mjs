// Planted bug: every struct decoded with the harness's codecs, but without the final check that the
// value used the whole input: trailing bytes are accepted and dropped.
import { createReader, DEFAULT_LIMITS, encode } from '../../../dist/harness/codec/index.js';
import { protocolCodec, protocolStructNames } from '../../../dist/harness/fuzz/structs.js';
import { servePlanted } from './serve.mjs';

servePlanted(
  Object.fromEntries(
    protocolStructNames().map((name) => {
      const codec = protocolCodec(name);
      return [name, (bytes) => encode(codec, codec.read(createReader(bytes, DEFAULT_LIMITS, [name])), name)]; // BUG: r.pos !== bytes.length unchecked
    }),
  ),
);
