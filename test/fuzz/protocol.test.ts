import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { answerLine, bytesOfHex, hexOf, ownAnswer, parseAnswerLine, parseRequestLine } from '../../harness/fuzz/index.js';
import { memoryIo } from '../helpers/cli-io.js';

describe('the decoder protocol (docs/FUZZING.md, issue 12 §1)', () => {
  it('reads answer lines: a re-encoding, a refusal with or without a code; anything else is not an answer', () => {
    expect(parseAnswerLine('{"ok":true,"hex":"00AB"}')).toEqual({ ok: true, hex: '00ab' });
    expect(parseAnswerLine('{"ok":false,"code":"truncated"}')).toEqual({ ok: false, code: 'truncated' });
    expect(parseAnswerLine('{"ok":false}')).toEqual({ ok: false });
    for (const line of ['', 'panic: index out of range', '{"ok":true}', '{"ok":true,"hex":"abc"}', '{"ok":false,"code":3}', '[true]', '{"ok":"yes"}']) {
      expect(parseAnswerLine(line), line).toBeUndefined();
    }
  });

  it('writes answer lines the reader reads back', () => {
    for (const answer of [{ ok: true, hex: '25' }, { ok: false, code: 'trailing-bytes' }, { ok: false }] as const) {
      expect(parseAnswerLine(answerLine(answer))).toEqual(answer);
    }
  });

  it('reads request lines `<Struct> <hex>`, an empty hex included', () => {
    expect(parseRequestLine('DSError 000400')).toEqual({ struct: 'DSError', bytes: Uint8Array.of(0, 4, 0) });
    expect(parseRequestLine('varint \r')).toEqual({ struct: 'varint', bytes: new Uint8Array(0) });
    expect(parseRequestLine('DSError')).toBeUndefined();
    expect(parseRequestLine(' 00')).toBeUndefined();
    expect(parseRequestLine('DSError 0g')).toBeUndefined();
  });

  it('hex helpers agree with each other on every byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesOfHex(hexOf(all))).toEqual(all);
    expect(bytesOfHex(hexOf(all).toUpperCase())).toEqual(all);
  });

  it("the harness's own answers: its re-encoding, or its DecodeError's code", () => {
    expect(ownAnswer('varint 25')).toEqual({ ok: true, hex: '25' });
    expect(ownAnswer('varint 4025')).toEqual({ ok: false, code: 'non-minimal-length' });
    expect(ownAnswer('DSError 00040000')).toEqual({ ok: false, code: 'trailing-bytes' });
    expect(ownAnswer('NoSuchStruct 00')).toEqual({ ok: false, code: 'unsupported-struct' });
    expect(ownAnswer('DSError xyz')).toEqual({ ok: false, code: 'bad-line' });
  });

  it('`mimi-harness decode --stdin` without a struct name speaks it, one answer line per input line, in order', async () => {
    const io = memoryIo(['DSError 000400', 'varint 4025', 'MimiSupportedVersions 020001', 'garbage']);
    expect(await runCli(['decode', '--stdin'], io)).toBe(0);
    expect(io.stdout.join('\n').split('\n')).toEqual([
      '{"ok":true,"hex":"000400"}',
      '{"ok":false,"code":"non-minimal-length"}',
      '{"ok":true,"hex":"020001"}',
      '{"ok":false,"code":"bad-line"}',
    ]);
  });
});
