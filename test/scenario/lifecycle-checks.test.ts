import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { queueingServiceResponse } from '../../harness/messages/index.js';
import { createFederation, LIFECYCLE_PROVIDERS, runLifecycle } from '../../harness/scenario/index.js';

describe('the lifecycle’s own checks can fail', () => {
  it('a guest that acknowledges deliveries but drops them (a planted bug) is reported, not passed', async () => {
    const federation = await createFederation({ seed: 8, providers: LIFECYCLE_PROVIDERS, transport: 'direct' });
    try {
      const ok = encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } });
      federation.provider('gamma.test').use(http.post('https://ds.gamma.test/deliver_message', () => new HttpResponse(ok, { headers: { 'content-type': 'application/octet-stream' } })));
      const result = await runLifecycle(federation);
      expect(result.problems).toContainEqual(expect.stringMatching(/phone\/carol is at epoch undefined/));
      expect(result.problems).toContainEqual(expect.stringMatching(/phone\/carol received \[\], expected \["hello from alpha"\]/));
    } finally {
      await federation.dispose();
    }
  });
});
