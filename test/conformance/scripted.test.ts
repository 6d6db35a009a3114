import { expect, it } from 'vitest';
import { referenceTarget, runCatalog, selectChecks } from '../../harness/conformance/index.js';
import { SCRIPTED_CHECKS, SCRIPTED_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('scripted', SCRIPTED_CHECKS, SCRIPTED_PLANTED);

it('the flows that find the target by discovery work with a DS domain that is not ds.<domain>', async () => {
  const target = referenceTarget({ domain: 'target.test', dsDomain: 'mimi.target.test' });
  const results = await runCatalog({ target, checks: selectChecks(SCRIPTED_CHECKS, 'scripted.discovery.*,scripted.connection.*'), seed: 1 });
  expect(results.map((r) => [r.id, r.status, r.evidence.actual])).toEqual(results.map((r) => [r.id, 'pass', r.evidence.actual]));
  expect(results).toHaveLength(2);
});
