import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { startServing, type Served, type ServingOptions } from '../../harness/cli/serve-command.js';
import { memoryIo } from '../helpers/cli-io.js';
import { expectValidAgainstSchema } from '../helpers/schemas.js';

const dirs: string[] = [];
const running: Promise<Served>[] = [];
afterEach(async () => {
  for (const served of running.splice(0)) {
    const s = await served.catch(() => undefined);
    await s?.closeControl();
    await s?.network.dispose();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Polls (real time: the target is external) until `file` exists. */
async function appears(file: string, withinMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!existsSync(file)) {
    if (Date.now() - started > withinMs) throw new Error(`${file} did not appear within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The reference provider behind `serve` (real loopback TLS, real time, the
 * control API), waiting for the peers that the fuzz command will start
 * and write to `dir/peers`; resolves to the target config's path.
 */
async function served(dir: string, options: ServingOptions = {}): Promise<string> {
  running.push(startServing(1, join(dir, 'serve'), 1, {}, { peersDir: join(dir, 'peers'), peersTimeoutMs: 30_000, control: true, ...options }));
  const config = join(dir, 'serve', 'target.json');
  await appears(config);
  return config;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'efuzz-ext-'));
  dirs.push(dir);
  return dir;
}

describe('mimi-harness fuzz --endpoint against an external target (issue 12 §3: "in-process, or external with the same target options as run")', () => {
  it('the reference provider behind serve, over real TLS: every input answered, no finding, exit 0', async () => {
    const dir = tempDir();
    const config = await served(dir);
    expectValidAgainstSchema(JSON.parse(readFileSync(config, 'utf8')), 'https://mimi-transport-harness.invalid/schemas/target-config.schema.json');
    const io = memoryIo();
    const code = await runCli(['fuzz', '--endpoint', '/verification_key,/group_key_packages', '--runs', '16', '--batch', '8', '--target-config', config, '--peers-out', join(dir, 'peers'), '--corpus', dir, '--json', join(dir, 'summary.json')], io);
    expect(io.stdout.join('\n')).toContain('0 findings');
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { counts: Record<string, { inputs: number; stateChecks: number }>; aborted?: string };
    expectValidAgainstSchema(summary);
    expect(summary.aborted).toBeUndefined();
    expect(Object.entries(summary.counts).map(([path, c]) => [path, c.inputs, c.stateChecks])).toEqual([['/verification_key', 16, 2], ['/group_key_packages', 16, 2]]);
    expect(io.stderr.join('\n')).toMatch(/target provider1\.test is ready at https:\/\/127\.0\.0\.1:\d+/);
  }, 90_000);

  it('a defective target behind serve (its 400 answers are plain text): the finding is found over TLS, written, and its replay line names the same external target', async () => {
    const dir = tempDir();
    const config = await served(dir, {
      wrapFirst: (inner) => async (request, info) => {
        const answer = await inner(request, info);
        return answer.status === 400 ? new Response('bad request', { status: 400, headers: { 'content-type': 'text/plain' } }) : answer;
      },
    });
    const io = memoryIo();
    const code = await runCli(['fuzz', '--endpoint', '/connection_key_packages', '--runs', '16', '--batch', '8', '--target-config', config, '--peers-out', join(dir, 'peers'), '--corpus', dir], io);
    expect(code).toBe(1);
    const files = readdirSync(join(dir, 'findings'));
    expect(files.length).toBeGreaterThan(0);
    const finding = JSON.parse(readFileSync(join(dir, 'findings', files[0] ?? ''), 'utf8')) as { kind: string; status: number; replay: string };
    expectValidAgainstSchema(finding);
    expect(finding).toMatchObject({ kind: 'undecodable-error', status: 400 });
    expect(finding.replay).toMatch(new RegExp(`^npx mimi-harness fuzz --endpoint /connection_key_packages --seed 1 --runs \\d+ --batch 8 --peers-out '?${join(dir, 'peers')}'? --target-config '?${config}'?$`));
  }, 90_000);
});
