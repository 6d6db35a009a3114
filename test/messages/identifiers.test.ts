import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { clientId, DS_ERRORS, dsError, dsErrorCode, ENDPOINTS, fqdn, fqdnProblem, httpStatusOf, localNameProblem, mimiGroupId, mimiSupportedVersions, REGISTRY, sanitizeErrorMessage, userId } from '../../harness/messages/index.js';
import { expectRefusal, hex } from '../helpers/decode-error.js';

describe('FQDN (profile §2)', () => {
  it.each(['provider.test', 'ds.provider.test', 'a', 'x-1.y2', `${'a'.repeat(63)}.test`])('accepts %s', (name) => {
    expect(fqdnProblem(name)).toBeUndefined();
    expect(decode(fqdn, encode(fqdn, name))).toBe(name);
  });

  it.each(['', 'Provider.test', 'provider.test.', '.test', 'a..b', '-a.test', 'a-.test', 'a_b.test', 'ü.test', `${'a'.repeat(64)}.test`, `${'a.'.repeat(127)}a`])('refuses %j', (name) => {
    expect(fqdnProblem(name)).toBeDefined();
    expect(() => encode(fqdn, name)).toThrow(/invalid FQDN/);
  });

  it('refuses a non-canonical FQDN on the wire with invalid-value at its header', () => {
    expectRefusal(fqdn, hex('04 412e4243'), { code: 'invalid-value', offset: 0 });
    expectRefusal(fqdn, hex('02 c328'), { code: 'invalid-value', offset: 0 });
  });
});

describe('UserID and ClientID (profile §2)', () => {
  it('carry their provider domain', () => {
    const alice = { user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' };
    expect(decode(clientId, encode(clientId, alice))).toEqual(alice);
    expect(encode(userId, alice.user)).toEqual(hex('05616c696365 0a616c7068612e74657374'));
  });

  it('refuse empty, over-long and ambiguous local names', () => {
    expect(localNameProblem('')).toMatch(/0 bytes/);
    expect(localNameProblem('a'.repeat(256))).toMatch(/256 bytes/);
    expect(localNameProblem('a@b')).toMatch(/"@"/);
    expect(localNameProblem('tab\there')).toMatch(/control/);
    expect(localNameProblem('Zoë')).toBeUndefined();
  });
});

describe('MimiGroupId (profile §2)', () => {
  it('embeds the owning DS domain', () => {
    const id = { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16).fill(7) };
    expect(decode(mimiGroupId, encode(mimiGroupId, id))).toEqual(id);
    expectRefusal(mimiGroupId, hex('01 61 00'), { code: 'invalid-value', offset: 2 });
  });
});

describe('DSError codes (profile §3, §10)', () => {
  it('have unique numbers and an HTTP status each, never 5xx for client faults', () => {
    const numbers = Object.values(DS_ERRORS).map((e) => e.code);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(httpStatusOf('rate_limited')).toBe(429);
    expect(httpStatusOf('wrong_recipient')).toBe(421);
    const serverSide = Object.entries(DS_ERRORS).filter(([, e]) => e.status >= 500).map(([name]) => name);
    expect(serverSide.sort()).toEqual(['internal_error', 'unavailable']);
    expect(encode(dsErrorCode, 'rate_limited')).toEqual(hex('0016'));
  });
});

// This checks the table only; test/provider/routes.test.ts checks the reference provider's router against it.
describe('the ENDPOINTS table (transport draft, "REST Endpoints")', () => {
  it('lists the eight endpoints and discovery, each body a registry struct', () => {
    expect(ENDPOINTS).toHaveLength(9);
    const names = new Set(REGISTRY.map((e) => e.name));
    for (const endpoint of ENDPOINTS) {
      if (endpoint.request !== null) expect(names.has(endpoint.request), endpoint.request).toBe(true);
      expect(names.has(endpoint.response), endpoint.response).toBe(true);
    }
    expect(ENDPOINTS.filter((e) => e.method === 'GET' && e.request !== null).map((e) => e.path)).toEqual(['/welcome_information', '/external_commit_information', '/verification_key']);
  });
});

describe('text fields', () => {
  it('refuse lone surrogates, which UTF-8 cannot carry', () => {
    expect(() => encode(userId, { user_name: 'a\ud800', domain: 'a.test' })).toThrow(/lone UTF-16 surrogate/);
    expect(() => encode(userId, { user_name: 'a\ud83d\ude00', domain: 'a.test' })).not.toThrow();
  });

  it('refuse a surrogate encoded as three UTF-8 bytes (ED A0 80, as CESU-8 would) when decoding', () => {
    // UserID { opaque user_name<V>; FQDN domain }: user_name "a" + U+D800 in CESU-8 form, then domain "a.test".
    const bytes = Uint8Array.from([4, 0x61, 0xed, 0xa0, 0x80, 6, ...new TextEncoder().encode('a.test')]);
    const error = expectRefusal(userId, bytes, { code: 'invalid-value', offset: 0 });
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it('refuse C1 control characters in local names', () => {
    expect(localNameProblem('a\u0085b')).toMatch(/control/);
  });

  it('sanitizeErrorMessage makes any DecodeError detail encodable as a DSError message', () => {
    const detail = `invalid FQDN: label "a\u0001b\u0085" is not ... ${'x'.repeat(2000)} \ud800`;
    const message = sanitizeErrorMessage(detail);
    expect(new TextEncoder().encode(message).length).toBeLessThanOrEqual(1024);
    expect(decode(dsError, encode(dsError, { code: 'decode_error', message }))).toEqual({ code: 'decode_error', message });
    expect(sanitizeErrorMessage('plain')).toBe('plain');
  });

  it('MimiSupportedVersions advertises versions this reader does not know', () => {
    expect(decode(mimiSupportedVersions, encode(mimiSupportedVersions, { versions: [1, 2] }))).toEqual({ versions: [1, 2] });
  });
});
