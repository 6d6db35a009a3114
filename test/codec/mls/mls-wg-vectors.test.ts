import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, encode, fromHex, MLS_SAMPLES, mlsMessage, ratchetTree, varint, type MlsSampleKind } from '../../../harness/codec/index.js';
import { MLS_WG_DIRECTORIES, readMlsWg } from '../../helpers/mls-wg.js';

type MessagesEntry = Record<string, string>;
const messages = readMlsWg('messages.json') as MessagesEntry[];
const headers = readMlsWg('deserialization.json') as { vlbytes_header: string; length: number }[];

const WIREFORMAT_BY_KEY: Record<string, string> = {
  mls_welcome: 'mls_welcome',
  mls_group_info: 'mls_group_info',
  mls_key_package: 'mls_key_package',
  public_message_application: 'mls_public_message',
  public_message_proposal: 'mls_public_message',
  public_message_commit: 'mls_public_message',
  private_message: 'mls_private_message',
};

describe('MLS working group vectors', () => {
  it('bundles an identical copy of the shared vectors', () => {
    if (!existsSync(MLS_WG_DIRECTORIES.shared)) return;
    for (const file of ['messages.json', 'deserialization.json']) {
      expect(readFileSync(`${MLS_WG_DIRECTORIES.bundled}${file}`, 'utf8')).toBe(readFileSync(`${MLS_WG_DIRECTORIES.shared}${file}`, 'utf8'));
    }
  });

  it('deserialization.json: every header decodes to its length through our codec, and back', () => {
    expect(headers.length).toBeGreaterThan(0);
    for (const { vlbytes_header, length } of headers) {
      expect(decode(varint, fromHex(vlbytes_header, 'header'))).toBe(length);
      expect(encode(varint, length)).toEqual(fromHex(vlbytes_header, 'header'));
    }
  });

  it('messages.json has the 300 entries we expect', () => {
    expect(messages).toHaveLength(300);
  });

  it.each(Object.entries(WIREFORMAT_BY_KEY))('messages.json %s: all entries decode as %s and re-encode identically', (key, wireformat) => {
    for (const entry of messages) {
      const bytes = fromHex(entry[key] ?? '', key);
      const decoded = decode(mlsMessage, bytes);
      expect(decoded.value.wireformat).toBe(wireformat);
      expect(encode(mlsMessage, decoded)).toEqual(bytes);
    }
  });

  it('messages.json ratchet_tree: all entries decode node by node and re-encode identically', () => {
    for (const entry of messages) {
      const bytes = fromHex(entry.ratchet_tree ?? '', 'ratchet_tree');
      const tree = decode(ratchetTree, bytes);
      expect(tree.length % 2).toBe(1);
      expect(encode(ratchetTree, tree)).toEqual(bytes);
    }
  });

  it('the generator samples are verbatim entries of messages.json', () => {
    for (const [kind, hexes] of Object.entries(MLS_SAMPLES) as [MlsSampleKind, readonly string[]][]) {
      hexes.forEach((hex, i) => {
        expect(hex).toBe(messages[i]?.[kind]);
      });
    }
  });
});
