/**
 * Differential fuzzing of wire-struct decoders (docs/FUZZING.md, issue 12):
 * the decoder protocol, inputs drawn from the arbitraries, the vectors and a
 * corpus with structure-aware mutations, verdicts against the profile's
 * strict decoder, minimized findings.
 *
 * @example
 * import { ownAnswer } from 'mimi-transport-harness/fuzz';
 * ownAnswer('DSError 000400') // { ok: true, hex: '000400' }
 */
export { bytesOfHex, hexOf, sameBytes } from './hex.js';
export { ownAnswer, profileVerdict, type ProfileVerdict } from './profile-verdict.js';
export { answerLine, BAD_LINE, parseAnswerLine, parseRequestLine, requestLine, UNSUPPORTED_STRUCT, type Answer } from './protocol.js';
export { protocolCodec, protocolStructNames } from './structs.js';
