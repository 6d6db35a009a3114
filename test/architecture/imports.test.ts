import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eagerClosure, importCycles, layerViolations, readImportGraph, type ImportGraph } from '../helpers/import-graph.js';

const harness = fileURLToPath(new URL('../../harness/', import.meta.url));
const graph = readImportGraph(harness);

function syntheticGraph(edges: Record<string, string[]>): ImportGraph {
  return { files: new Map(Object.entries(edges).map(([file, local]) => [file, { local, packages: [] }])) };
}

describe('the layering of harness/ (DESIGN.md "Layers")', () => {
  it('reads the real tree', () => {
    expect(graph.files.size).toBeGreaterThan(50);
    expect(graph.files.get('messages/ds-request.ts')?.local).toContain('codec/index.ts');
  });

  it('imports point only downward', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('the CLI loads a command\'s modules when it runs: `decode` (a fuzz target) loads neither the network nor the fuzzer\'s endpoint side', () => {
    // The network layer's interceptors wake undici's fetch, whose WebAssembly parser reserves ~10 GiB of address space
    // (harness/cli/main.ts): a VmPeak memory bound would take that for the input being decoded.
    for (const entry of ['cli/main.ts', 'cli/decode-command.ts']) {
      const loaded = [...eagerClosure(graph, entry)];
      expect(loaded.filter((file) => file.startsWith('network/') || file.startsWith('conformance/') || file === 'fuzz/index.ts'), entry).toEqual([]);
      expect(loaded.length, entry).toBeGreaterThan(1);
    }
  });

  it('has no import cycles', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('imports ts-mls only in mls/ and codec/mls/', () => {
    const offenders = [...graph.files].filter(([file, { packages }]) => packages.some((p) => p === 'ts-mls' || p.startsWith('ts-mls/')) && !file.startsWith('mls/') && !file.startsWith('codec/mls/'));
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it('the checks themselves catch planted violations', () => {
    const bad = syntheticGraph({ 'codec/a.ts': ['messages/b.ts'], 'messages/b.ts': ['codec/a.ts'], 'pki/c.ts': ['provider/d.ts'], 'provider/d.ts': [] });
    expect(layerViolations(bad)).toEqual(['codec/a.ts -> messages/b.ts', 'pki/c.ts -> provider/d.ts']);
    expect(importCycles(bad)).toHaveLength(1);
    expect(importCycles(syntheticGraph({ 'codec/a.ts': ['codec/a.ts'] }))).toHaveLength(1);
  });

  it('the network and the provider do not know each other; both may use discovery and pki', () => {
    const planted = syntheticGraph({
      'network/network.ts': ['provider/index.ts', 'discovery/index.ts', 'pki/index.ts'],
      'provider/provider.ts': ['network/index.ts', 'discovery/index.ts', 'pki/index.ts'],
      'discovery/index.ts': ['provider/clock.ts', 'messages/index.ts'],
      'provider/index.ts': [],
      'network/index.ts': [],
    });
    expect(layerViolations(planted)).toEqual(['network/network.ts -> provider/index.ts', 'provider/provider.ts -> network/index.ts', 'discovery/index.ts -> provider/clock.ts']);
  });

  it('only cli/, vitest/ and the package entry point import the check catalog, and only through scenarios/index.ts', () => {
    const importers = [...graph.files].filter(([, { local }]) => local.some((t) => t.startsWith('../scenarios/'))).map(([file]) => file.split('/')[0]);
    expect(new Set(importers)).toEqual(new Set(['cli', 'vitest', 'index.ts']));
    expect(graph.files.get('index.ts')?.local.filter((t) => t.startsWith('../'))).toEqual(['../scenarios/index.ts']);
    const planted = syntheticGraph({
      'cli/run.ts': ['../scenarios/index.ts', '../scenarios/ds/send-message-fan-out.ts'],
      'vitest/suite.ts': ['../scenarios/index.ts'],
      'report/x.ts': ['../scenarios/index.ts'],
      'conformance/y.ts': ['../scenarios/index.ts'],
    });
    expect(layerViolations(planted)).toEqual(['cli/run.ts -> ../scenarios/ds/send-message-fan-out.ts', 'report/x.ts -> ../scenarios/index.ts', 'conformance/y.ts -> ../scenarios/index.ts']);
  });

  it('the network reaches discovery through its own layer, not the provider', () => {
    const network = [...graph.files].filter(([file]) => file.startsWith('network/'));
    expect(network.flatMap(([, { local }]) => local).filter((target) => target.startsWith('discovery/'))).not.toEqual([]);
  });
});
