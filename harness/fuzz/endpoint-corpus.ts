/**
 * Findings of the endpoint fuzzer on disk (docs/FUZZING.md "Endpoint
 * fuzzing"): `DIR/findings/<endpoint>-<hash>.json`, named like the decoder
 * fuzzer's (corpus.ts), so the findings of several runs merge by name.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from './corpus.js';
import type { EndpointFinding } from './endpoint-run.js';

/**
 * `<endpoint without the slash>-<12 hex digits of SHA-256 over endpoint, kind and body>.json`.
 *
 * @example
 * endpointFindingFileName({ endpoint: '/group_key_packages', kind: 'state-change', body: '00' }) // 'group_key_packages-….json'
 */
export function endpointFindingFileName(finding: Pick<EndpointFinding, 'endpoint' | 'kind' | 'body'>): string {
  const hash = createHash('sha256').update(`${finding.endpoint}\n${finding.kind}\n${finding.body}`).digest('hex').slice(0, 12);
  return `${finding.endpoint.replace(/^\//, '').replace(/[^A-Za-z0-9_-]/g, '_')}-${hash}.json`;
}

/**
 * Writes `finding` to `dir/findings/` with the one-line command that
 * replays its draw (the same seed and the runs up to its index, against the
 * same target), and returns the path.
 *
 * @example
 * writeEndpointFinding('fuzz-corpus', finding, { seed: 1, harness: 'npx mimi-harness', targetArgs: '--planted x' })
 */
export function writeEndpointFinding(dir: string, finding: EndpointFinding, run: { readonly seed: number; readonly harness: string; readonly targetArgs: string; readonly batch: number }): string {
  const folder = join(dir, 'findings');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, endpointFindingFileName(finding));
  const replay = `${run.harness} fuzz --endpoint ${shellQuote(finding.endpoint)} --seed ${run.seed} --runs ${finding.index + 1}${run.batch === 32 ? '' : ` --batch ${run.batch}`}${run.targetArgs === '' ? '' : ` ${run.targetArgs}`}`;
  const file = { $schema: 'https://mimi-transport-harness.invalid/schemas/fuzz/endpoint-finding.schema.json', ...finding, seedOfRun: run.seed, replay };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}
