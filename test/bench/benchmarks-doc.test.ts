import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS_MD, LATEST_JSON, renderBenchmarks, type LatestRun } from '../../bench/report.mjs';

// Issue 13 §1: docs/BENCHMARKS.md is what bench/report.mjs makes of the committed
// bench/results/latest.json. No timing is asserted: only the shape of the JSON and that the
// document was generated from it, so that a hand edit or a stale document fails here.
const latest = JSON.parse(readFileSync(LATEST_JSON, 'utf8')) as LatestRun;

describe('docs/BENCHMARKS.md', () => {
  it('is what the generator renders from bench/results/latest.json', () => {
    expect(readFileSync(BENCHMARKS_MD, 'utf8')).toBe(renderBenchmarks(latest));
  });

  it('names the machine the numbers come from', () => {
    expect(Object.keys(latest.machine).sort()).toEqual(['cores', 'cpu', 'date', 'memoryGiB', 'node', 'platform', 'scale']);
    const doc = readFileSync(BENCHMARKS_MD, 'utf8');
    expect(doc).toContain(`${latest.machine.cores} cores`);
    expect(doc).toContain(`Node.js ${latest.machine.node}`);
  });

  it('holds every group of the committed run with its order statistics', () => {
    expect(latest.groups.length).toBeGreaterThan(0);
    const doc = readFileSync(BENCHMARKS_MD, 'utf8');
    for (const group of latest.groups) {
      expect(doc).toContain(`### ${group.name}`);
      for (const b of group.benchmarks) {
        expect(Object.keys(b).sort()).toEqual(['maxMs', 'medianMs', 'minMs', 'name', 'p75Ms', 'samples']);
        expect(doc).toContain(`| ${b.name} |`);
      }
    }
  });

  it('states every target of issue 13 §3 with a verdict', () => {
    const doc = readFileSync(BENCHMARKS_MD, 'utf8');
    for (const target of ['1,000 providers', '10,000 providers', 'tls with keep-alive', '3-provider lifecycle', "ts-mls's own decoder", '100,000 decode attempts', 'DS processing of a commit', 'whole catalog']) {
      expect(doc).toMatch(new RegExp(`\\| [^|\\n]*${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^|\\n]* \\| [^|\\n]+ \\| (met|missed|not measured)[^|\\n]* \\|`));
    }
  });

  it('changes when the JSON changes (the document is not a fixed text)', () => {
    const first = latest.groups[0];
    if (first === undefined) throw new Error('no group');
    const renamed: LatestRun = { ...latest, groups: [{ ...first, name: `${first.name} (renamed)` }, ...latest.groups.slice(1)] };
    expect(renderBenchmarks(renamed)).toContain(`### ${first.name} (renamed)`);
  });
});
