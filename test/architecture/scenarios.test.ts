import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImportGraph, scenarioViolations, type ImportGraph } from '../helpers/import-graph.js';

const scenarios = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The files of `graph` that import ts-mls or a module of it. */
const tsMlsImporters = (graph: ImportGraph): string[] => [...graph.files].filter(([, { packages }]) => packages.some((p) => p === 'ts-mls' || p.startsWith('ts-mls/'))).map(([file]) => file);

describe('scenarios/ is black-box by construction (issue 10 §1)', () => {
  it('reads the real catalog', () => {
    const graph = readImportGraph(scenarios);
    expect(graph.files.get('index.ts')?.local).toContain('../harness/conformance/index.ts');
  });

  it('imports harness/ only through the index of a layer', () => {
    expect(scenarioViolations(readImportGraph(scenarios))).toEqual([]);
  });

  it('the check catches a scenario that reaches into the provider', () => {
    const planted: ImportGraph = { files: new Map([['forwarding/x.ts', { local: ['../harness/provider/endpoints/verification-key.ts', '../harness/messages/index.ts', 'index.ts'], packages: [] }]]) };
    expect(scenarioViolations(planted)).toEqual(['forwarding/x.ts -> ../harness/provider/endpoints/verification-key.ts']);
  });

  it('the catalog does not import the layers that run it (report, cli, vitest): that would be a cycle', () => {
    const planted: ImportGraph = { files: new Map([['ds/x.ts', { local: ['../harness/cli/index.ts', '../harness/report/index.ts', '../harness/vitest/index.ts', '../harness/conformance/index.ts'], packages: [] }]]) };
    expect(scenarioViolations(planted)).toEqual(['ds/x.ts -> ../harness/cli/index.ts', 'ds/x.ts -> ../harness/report/index.ts', 'ds/x.ts -> ../harness/vitest/index.ts']);
  });

  it('imports no ts-mls: MLS goes through harness/mls (house rule: ts-mls only in harness/mls and harness/codec/mls)', () => {
    const graph = readImportGraph(scenarios);
    expect([...graph.files.values()].some(({ packages }) => packages.length > 0), 'the graph sees package imports').toBe(true);
    expect(tsMlsImporters(graph)).toEqual([]);
    const planted: ImportGraph = { files: new Map([['ds/x.ts', { local: [], packages: ['ts-mls'] }], ['ds/y.ts', { local: [], packages: ['ts-mls/dist/src/index.js'] }], ['ds/z.ts', { local: [], packages: ['fast-check'] }]]) };
    expect(tsMlsImporters(planted)).toEqual(['ds/x.ts', 'ds/y.ts']);
  });

  it('only planted/ may import the reference provider: a check sees its target on the wire', () => {
    const planted: ImportGraph = { files: new Map([['ds/x.ts', { local: ['../harness/provider/index.ts'], packages: [] }], ['planted/y.ts', { local: ['../harness/provider/index.ts'], packages: [] }]]) };
    expect(scenarioViolations(planted)).toEqual(['ds/x.ts -> ../harness/provider/index.ts (a check may not import the reference provider)']);
  });
});
