import { describe, expect, it } from 'vitest';
import { runCatalog } from '../../harness/conformance/index.js';
import { MALFORMED_CHECKS, MALFORMED_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('malformed', MALFORMED_CHECKS, MALFORMED_PLANTED);

describe('a malformed-input failure replays from its path (issue 10 §5: replay <id> --seed S --path P)', () => {
  it('the shrunk counterexample of a planted bug comes back with --path', async () => {
    const bug = MALFORMED_PLANTED.find((b) => b.name === 'accepts trailing bytes after a DSRequest');
    const check = MALFORMED_CHECKS.find((c) => c.id === 'malformed.group-operation.spoiled-body');
    if (bug === undefined || check === undefined) throw new Error('the planted bug or its check is gone');
    const [first] = await runCatalog({ target: bug.target('target.test'), checks: [check], seed: 3 });
    const path = /--path (\S+)/.exec(first?.replay ?? '')?.[1];
    expect(first?.status).toBe('fail');
    expect(path, first?.replay).toBeDefined();
    const [again] = await runCatalog({ target: bug.target('target.test'), checks: [check], seed: 3, ...(path === undefined ? {} : { path }) });
    expect(again?.status).toBe('fail');
    expect(again?.evidence.actual).toBe(first?.evidence.actual);
  });
});
