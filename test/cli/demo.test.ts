import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { memoryIo } from '../helpers/cli-io.js';

describe('mimi-harness demo (the main job)', () => {
  it('runs the 3-provider lifecycle over TLS, one line per exchange, and passes; the same seed prints the same run', async () => {
    const first = memoryIo();
    expect(await runCli(['demo', '--seed', '3'], first)).toBe(0);
    const second = memoryIo();
    expect(await runCli(['demo', '--seed', '3'], second)).toBe(0);
    expect(second.stdout).toEqual(first.stdout);
    const lines = first.stdout;
    expect(lines.at(-1)).toMatch(/^demo passed/);
    expect(lines).toContainEqual(expect.stringMatching(/^\s+\d+\.\d{3}s {2}alpha\.test → ds\.beta\.test {2}POST \/deliver_message {2}deliver_message {2}200$/));
    expect(lines).toContainEqual(expect.stringMatching(/beta\.test → ds\.gamma\.test {2}POST \/deliver_message {2}deliver_message {2}421$/));
    expect(lines).toContainEqual(expect.stringMatching(/^exchanges: \d+; fan-out deliveries: \d+; application messages delivered: 7; refused: 1 .*; epochs: 5$/));
  });

  it('refuses unknown options and transports', async () => {
    const io = memoryIo();
    expect(await runCli(['demo', '--transport', 'carrier-pigeon'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--transport is tls or direct/);
  });
});
