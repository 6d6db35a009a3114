import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { memoryIo } from '../helpers/cli-io.js';

describe('mimi-harness decode', () => {
  it('decodes the primitives varint and opaque<V>', async () => {
    const io = memoryIo();
    expect(await runCli(['decode', 'varint', '9d7f3e7d'], io)).toBe(0);
    expect(io.stdout).toEqual(['494878333']);
    const opaque = memoryIo();
    expect(await runCli(['decode', 'opaque<V>', '03aabbcc'], opaque)).toBe(0);
    expect(JSON.parse(opaque.stdout.join(''))).toBe('aabbcc');
  });

  it('prints the DecodeError and exits 1', async () => {
    const io = memoryIo();
    expect(await runCli(['decode', 'varint', '4025'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({ code: 'non-minimal-length', offset: 0, path: 'varint' });
    expect(io.stderr.join('\n')).toMatch(/non-minimal-length at offset 0/);
  });

  it('--stdin answers one JSON line per input line, bad hex included', async () => {
    const io = memoryIo(['25', '4025', 'xyz', '']);
    expect(await runCli(['decode', 'varint', '--stdin'], io)).toBe(0);
    expect(io.stdout.map((line) => JSON.parse(line) as unknown)).toEqual([
      { ok: true, value: 37 },
      { ok: false, error: expect.objectContaining({ code: 'non-minimal-length', offset: 0 }) as unknown },
      { ok: false, error: expect.objectContaining({ code: 'bad-hex' }) as unknown },
      { ok: false, error: expect.objectContaining({ code: 'truncated', offset: 0 }) as unknown },
    ]);
  });

  it('refuses unknown structs and missing arguments as usage errors (exit 2)', async () => {
    const io = memoryIo();
    expect(await runCli(['decode', 'NoSuchStruct', '00'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown struct "NoSuchStruct"; known: FQDN/);
    expect(await runCli(['decode', 'varint'], memoryIo())).toBe(2);
    expect(await runCli(['frobnicate'], memoryIo())).toBe(2);
    expect(await runCli(['vectors', '--seed'], memoryIo())).toBe(2);
  });
});

describe('mimi-harness encode', () => {
  it('encodes the JSON form that decode prints', async () => {
    const json = JSON.stringify({ code: 'unknown_group', message: 'no such group' });
    const io = memoryIo();
    expect(await runCli(['encode', 'DSError', json], io)).toBe(0);
    expect(io.stdout).toEqual(['00040d6e6f20737563682067726f7570']);
    const back = memoryIo();
    expect(await runCli(['decode', 'DSError', io.stdout[0] ?? ''], back)).toBe(0);
    expect(JSON.parse(back.stdout.join('\n'))).toEqual(JSON.parse(json));
  });

  it('names the field of a JSON document of the wrong shape', async () => {
    const io = memoryIo();
    expect(await runCli(['encode', 'UserID', '{"user_name":"alice","domain":"Not Valid"}'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/UserID\.domain: invalid FQDN/);
    const extra = memoryIo();
    expect(await runCli(['encode', 'UserID', '{"user_name":"a","domain":"a.test","x":1}'], extra)).toBe(1);
    expect(extra.stderr.join('\n')).toMatch(/UserID\.x: unknown field/);
    expect(await runCli(['encode', 'UserID', '{not json'], memoryIo())).toBe(1);
  });
});

describe('mimi-harness check-vectors', () => {
  it('checks the bundled vectors and the MLS WG vectors and says how many passed', async () => {
    const io = memoryIo();
    expect(await runCli(['check-vectors'], io)).toBe(0);
    const closing = io.stdout.at(-1) ?? '';
    expect(closing).toMatch(/^\d+ passed, 0 failed, 0 skipped$/);
    expect(Number(closing.split(' ')[0])).toBeGreaterThan(360);
  });
});

describe('mimi-harness check-vectors can fail', () => {
  it('reports a vector our decoder disagrees with, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimi-run-'));
    expect(await runCli(['vectors', '--out', dir], memoryIo())).toBe(0);
    const file = join(dir, 'DSError.json');
    const vectors = JSON.parse(readFileSync(file, 'utf8')) as { negative: { error: { code: string } }[]; positive: { hex: string }[] };
    const [negative] = vectors.negative;
    const [positive] = vectors.positive;
    if (negative === undefined || positive === undefined) throw new Error('no vectors');
    negative.error.code = 'too-deep';
    positive.hex = `${positive.hex}00`;
    writeFileSync(file, JSON.stringify(vectors));
    const io = memoryIo();
    expect(await runCli(['check-vectors', '--vectors', dir], io)).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/FAIL vectors\/DSError\/positive\/0: trailing-bytes/);
    expect(io.stdout.join('\n')).toMatch(/FAIL vectors\/DSError\/negative\/0: refused with .* expected too-deep/);
    expect(io.stdout.at(-1)).toMatch(/ passed, 2 failed, 0 skipped$/);
  });
});
