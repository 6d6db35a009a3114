import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../harness/conformance/index.js';
import { RATE_LIMIT_CHECKS, RATE_LIMIT_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

// The reference target with its default budgets (profile §14): the largest flood is 101 cheap
// VerificationKeyRequests, so no check needs smaller declared budgets. The planted bug that enforces
// nothing declares small budgets instead, so that its eight failures take a handful of requests each.
describeCategory('rate-limit', RATE_LIMIT_CHECKS, RATE_LIMIT_PLANTED);

describe('Retry-After as the rate-limit checks read it (profile §10: whole seconds)', () => {
  it('takes a positive number of whole seconds, and nothing else', () => {
    const answer = (retryAfter: string | undefined) => ({ status: 429, code: 'rate_limited', retryAfter });
    expect(retryAfterSeconds(answer('1'))).toBe(1);
    expect(retryAfterSeconds(answer('360'))).toBe(360);
    for (const bad of [undefined, '0', '1.5', '-1', ' 1', 'Wed, 02 Dec 2026 17:00:00 GMT', '']) expect(retryAfterSeconds(answer(bad)), String(bad)).toBeUndefined();
  });
});
