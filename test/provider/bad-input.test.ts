import { fc } from '@fast-check/vitest';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, DecodeError, encode } from '../../harness/codec/index.js';
import { ENDPOINTS, httpStatusOf, registryEntry } from '../../harness/messages/index.js';
import { createFederation, type Federation } from '../../harness/scenario/index.js';
import { ownAnswer } from '../helpers/endpoint-own-answers.js';

/** Cases per endpoint; MIMI_FUZZ_RUNS raises it for longer runs. */
const RUNS = Math.max(25, Math.floor(Number(process.env.MIMI_FUZZ_RUNS ?? 0) / 40));

let federation: Federation;
beforeAll(async () => {
  federation = await createFederation({ seed: 15, providers: [{ domain: 'alpha.test' }], transport: 'direct', rateLimits: {} });
});
afterAll(async () => {
  await federation.dispose();
});

const codecOf = (name: string) => {
  const entry = registryEntry(name);
  if (entry === undefined) throw new Error(`${name} is not in the registry`);
  return entry.codec;
};

/** How a valid body is spoiled: cut short, a bit flipped, a byte added, or replaced by noise (or left valid). */
const spoil = fc.oneof(
  fc.constant((bytes: Uint8Array) => bytes),
  fc.nat().map((n) => (bytes: Uint8Array) => bytes.subarray(0, bytes.length === 0 ? 0 : n % bytes.length)),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([n, bit]) => (bytes: Uint8Array) => {
    const copy = bytes.slice();
    if (copy.length > 0) copy[n % copy.length] = (copy[n % copy.length] ?? 0) ^ (1 << bit);
    return copy;
  }),
  fc.integer({ min: 0, max: 255 }).map((b) => (bytes: Uint8Array) => Uint8Array.from([...bytes, b])),
  fc.uint8Array({ maxLength: 64 }).map((noise) => () => noise),
);

describe('bad input on every endpoint (issue 5 §6): a clear answer, never a 5xx or a hang', () => {
  for (const endpoint of ENDPOINTS.filter((e) => e.request !== null)) {
    it(`${endpoint.path}: first its own answer to a valid body, then spoiled ${endpoint.request ?? ''} bodies get a 4xx with a decodable ${endpoint.errorResponse} error (or a valid answer)`, async () => {
      await checkOwnAnswer(endpoint);
      await checkBadInput(endpoint);
    });
  }

  it('the check catches a path no endpoint serves (its 404 not_found has the bytes of every carrier\'s error)', async () => {
    const endpoint = ENDPOINTS.find((e) => e.path === '/deliver_message');
    if (endpoint === undefined) throw new Error('no /deliver_message');
    const failure = await checkOwnAnswer(endpoint, '/deliver_messages').then(() => 'passed', (error: unknown) => String(error));
    expect(failure).toMatch(/\/deliver_messages answered 404/);
  });

  it('the check catches every miswiring among the DS paths and between the two QS paths (one handler serving another path)', async () => {
    const families = [['/group_operation', '/welcome_information', '/external_commit_information'], ['/deliver_message', '/connection_request'], ['/group_key_packages', '/connection_key_packages']];
    for (const family of families) {
      for (const own of family) {
        const endpoint = ENDPOINTS.find((e) => e.path === own);
        if (endpoint === undefined) throw new Error(`no ${own}`);
        for (const other of family.filter((p) => p !== own)) {
          // The own body sent to another path is what the other path's handler would answer if it served this one.
          const failure = await checkOwnAnswer(endpoint, other).then(() => 'passed', (error: unknown) => String(error));
          expect(failure, `${own}'s own body on ${other}`).not.toBe('passed');
        }
      }
    }
  });

  it('the check catches a provider that crashes on bad input (a planted bug)', async () => {
    const alpha = federation.provider('alpha.test');
    alpha.use(http.post('https://ds.alpha.test/deliver_message', () => new HttpResponse('boom', { status: 500 })));
    try {
      const endpoint = ENDPOINTS.find((e) => e.path === '/deliver_message');
      if (endpoint === undefined) throw new Error('no /deliver_message');
      const failure = await checkBadInput(endpoint).then(() => 'passed', (error: unknown) => (error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)));
      expect(failure).toMatch(/\/deliver_message answered 500/);
    } finally {
      alpha.resetHandlers();
    }
  });
});

/** The endpoint answers a valid body itself, as {@link ownAnswer} says (`path` may differ from the endpoint's, to show a missing route is caught). */
async function checkOwnAnswer(endpoint: (typeof ENDPOINTS)[number], path = endpoint.path): Promise<void> {
  const alpha = federation.provider('alpha.test');
  const own = await ownAnswer(alpha, endpoint.path);
  const response = await federation.network.fetch(`https://ds.alpha.test${path}`, { method: 'POST', body: own.body, headers: { 'content-type': 'application/octet-stream' } }, 'outside');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(response.status, `${path} answered ${response.status} to a valid body, not ${own.status} ${own.code}`).toBe(own.status);
  if (own.code === 'ok') {
    expect(decode(codecOf(endpoint.response), bytes)).toMatchObject(own.answer ?? {});
    return;
  }
  const answer = decode(codecOf(endpoint.errorResponse), bytes) as { response_body: { error?: { code: string } } };
  expect(answer.response_body.error?.code, `${path} answered ${response.status} ${answer.response_body.error?.code ?? ''}`).toBe(own.code);
}

async function checkBadInput(endpoint: (typeof ENDPOINTS)[number]): Promise<void> {
      const requestCodec = codecOf(endpoint.request ?? '');
      await fc.assert(
        fc.asyncProperty(requestCodec.arbitrary(), spoil, async (value, mutate) => {
          const valid = encode(requestCodec, value);
          const body = mutate(valid);
          const response = await federation.network.fetch(`https://ds.alpha.test${endpoint.path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'outside');
          const bytes = new Uint8Array(await response.arrayBuffer());
          expect(response.status, `${endpoint.path} answered ${response.status}`).toBeLessThan(500);
          if (response.status === 200) {
            decode(codecOf(endpoint.response), bytes);
            return;
          }
          const answer = decode(codecOf(endpoint.errorResponse), bytes) as { response_body: { response_type: string; error?: { code: Parameters<typeof httpStatusOf>[0] } } };
          expect(answer.response_body.response_type).toBe('error');
          expect(httpStatusOf(answer.response_body.error?.code ?? 'internal_error')).toBe(response.status);
          let decodable = true;
          try {
            decode(requestCodec, body);
          } catch (error) {
            if (!(error instanceof DecodeError)) throw error;
            decodable = false;
          }
          if (!decodable) expect(['decode_error', 'unsupported_version']).toContain(answer.response_body.error?.code);
        }),
        { numRuns: RUNS },
      );
}
