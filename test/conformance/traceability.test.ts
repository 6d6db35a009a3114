import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../harness/conformance/index.js';
import { CATALOG } from '../../scenarios/index.js';
import { renderTraceability, STATEMENTS, traceabilityProblems, type NormativeStatement } from '../../scenarios/traceability/index.js';

const FILE = fileURLToPath(new URL('../../docs/TRACEABILITY.md', import.meta.url));

describe('docs/TRACEABILITY.md (issue 10 §4)', () => {
  it('every statement has a check or a reason, every named check exists, every check tests a statement', () => {
    expect(traceabilityProblems(STATEMENTS, CATALOG)).toEqual([]);
  });

  it('is in sync with the catalog (MIMI_WRITE_TRACEABILITY=1 regenerates it)', () => {
    const rendered = renderTraceability(STATEMENTS, CATALOG);
    if (process.env['MIMI_WRITE_TRACEABILITY'] === '1') writeFileSync(FILE, rendered);
    expect(readFileSync(FILE, 'utf8')).toBe(rendered);
  });

  it('the problem finder catches each kind of gap', () => {
    const check = (id: string): Check => ({ id, section: 's', quote: 'q', level: 'MUST', role: 'ds', run: () => Promise.resolve({ status: 'pass' }) });
    const statement = (id: string, checks: readonly string[], why: { untestable?: string; gap?: string } = {}): NormativeStatement => ({ id, source: 'PROFILE', section: 's', level: 'PROFILE', text: 't', checks, ...why });
    expect(traceabilityProblems([statement('a', ['x.gone']), statement('b', []), statement('c', ['x.one'], { untestable: 'why' }), statement('c', ['x.one']), statement('d', [], { gap: 'g', untestable: 'u' }), statement('e', [], { gap: 'later' })], [check('x.one'), check('x.lonely')])).toEqual([
      'a: names x.gone, which is not in the catalog',
      'b: no check tests it and no reason says why none can',
      'c: has checks and a reason why none can',
      'c: listed twice',
      'd: is both untestable and a gap',
      'x.lonely: tests no listed statement',
    ]);
  });
});
