// Planted bug: every opaque<V> field (the harness codec's own, patched in this process) allocates a
// buffer of the length its header claims before it knows the input holds that many bytes, so a header
// claiming 1 GiB allocates 1 GiB. The answer is still right: only the memory bound can catch it.
import { opaqueV, readVarint } from '../../../dist/harness/codec/index.js';
import { servePlanted } from './serve.mjs';

const read = opaqueV.read;
opaqueV.read = (r) => {
  const start = r.pos;
  const buffer = new Uint8Array(readVarint(r)); // BUG: sized from an untrusted length
  r.pos = start;
  const value = read(r);
  buffer.set(value);
  return buffer;
};

servePlanted({});
