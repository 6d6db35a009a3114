import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of harness/, lowest first (DESIGN.md "Layers"); same rank may not
 * import each other. `discovery` sits below both the provider and the network,
 * which share a rank: the network must not know the provider (issue 9 §6).
 */
export const LAYER_RANK: Readonly<Record<string, number>> = {
  codec: 0,
  messages: 1,
  mls: 2,
  discovery: 2,
  pki: 3,
  provider: 4,
  network: 4,
  scenario: 5,
  conformance: 6,
  report: 7,
  // The fuzzers: the decoder fuzzer needs codec and messages only; the endpoint fuzzer runs in the conformance runtime.
  fuzz: 7,
  cli: 8,
  vitest: 8,
};

/**
 * The layers that may import the check catalog, and only through
 * `scenarios/index.ts` (seen from harness/ as `../scenarios/index.ts`): the
 * command line and the vitest integration run it. The catalog sits above
 * conformance (its checks are written in it) and below these two; report/
 * stays independent of which checks exist. The package entry point
 * (harness/index.ts, in no layer) re-exports it too.
 */
export const CATALOG_IMPORTERS: readonly string[] = ['cli', 'vitest'];

/** The catalog's entry point as a harness/ file sees it. */
export const CATALOG_ENTRY = '../scenarios/index.ts';

/** File → the harness files and the packages it imports. */
export interface ImportGraph {
  /** `local` counts every import; `runtime` only those that exist at run time (not `import type`). */
  readonly files: Map<string, { local: string[]; runtime?: string[]; eager?: string[]; packages: string[] }>;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(type\s)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Reads every .ts file under `root` (paths in the graph are relative to `root`). */
export function readImportGraph(root: string): ImportGraph {
  const files = new Map<string, { local: string[]; runtime: string[]; eager: string[]; packages: string[] }>();
  for (const path of listTs(root)) {
    const text = readFileSync(path, 'utf8');
    const local: string[] = [];
    const runtime: string[] = [];
    const eager: string[] = [];
    const packages: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[2] ?? match[3] ?? '';
      if (!spec.startsWith('.')) {
        packages.push(spec);
        continue;
      }
      const target = relative(root, resolve(dirname(path), spec.replace(/\.js$/, '.ts')));
      local.push(target);
      if (match[1] === undefined) runtime.push(target);
      if (match[1] === undefined && match[2] !== undefined) eager.push(target);
    }
    files.set(relative(root, path), { local, runtime, eager, packages });
  }
  return { files };
}

/** The layer of a file relative to harness/ (undefined for top-level files such as index.ts). */
export function layerOf(file: string): string | undefined {
  const [first, ...rest] = file.split('/');
  return rest.length === 0 ? undefined : first;
}

/** Imports that point up or sideways between layers, as `from -> to` strings. */
export function layerViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, { local }] of graph.files) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const target of local) {
      if (target === CATALOG_ENTRY && CATALOG_IMPORTERS.includes(from)) continue;
      const to = layerOf(target);
      if (to === undefined || to === from) continue;
      const a = LAYER_RANK[from];
      const b = LAYER_RANK[to];
      if (a === undefined || b === undefined || b >= a) out.push(`${file} -> ${target}`);
    }
  }
  return out;
}

/** Every run-time import cycle among the files (Tarjan's strongly connected components of size > 1, or self-imports); `import type` cycles are harmless and ignored. */
export function importCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    const node = graph.files.get(file);
    for (const next of node?.runtime ?? node?.local ?? []) {
      if (!graph.files.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfLoop = (node?.runtime ?? node?.local ?? []).includes(file);
      if (component.length > 1 || selfLoop) cycles.push(component);
    }
  };
  for (const file of graph.files.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/**
 * Imports of scenarios/ files (a graph read at scenarios/) that reach into
 * harness/ other than through a layer's index.ts: a check talks to its
 * target over the network and may use only the public face of each layer,
 * never a module of the reference provider (issue 10 §1, black-box). Nor
 * may the catalog import the layers that run it (report, cli, vitest): they
 * import the catalog, so that would be a cycle.
 */
export function scenarioViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  const aboveCatalog = Object.keys(LAYER_RANK).filter((layer) => (LAYER_RANK[layer] ?? 0) > (LAYER_RANK.conformance ?? 0));
  for (const [file, { local }] of graph.files) {
    for (const target of local) {
      if (!target.startsWith('../')) continue;
      const layer = /^\.\.\/harness\/([a-z-]+)\/index\.ts$/.exec(target)?.[1];
      if (layer === undefined || aboveCatalog.includes(layer)) out.push(`${file} -> ${target}`);
      // Checks see a target only on the wire (issue 10 §1): only planted/, which builds variants of the reference provider, may import it.
      else if (layer === 'provider' && !file.startsWith('planted/')) out.push(`${file} -> ${target} (a check may not import the reference provider)`);
    }
  }
  return out;
}

/**
 * Every harness file loaded when `file` is (its static runtime imports,
 * transitively; `import()` and `import type` left out).
 *
 * @example
 * eagerClosure(graph, 'cli/decode-command.ts').has('network/index.ts'); // false
 */
export function eagerClosure(graph: ImportGraph, file: string): Set<string> {
  const seen = new Set<string>();
  const todo = [file];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...(graph.files.get(next)?.eager ?? []));
  }
  return seen;
}
