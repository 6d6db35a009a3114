import type { TransportMode } from '../network/index.js';

/** `npx mimi-harness replay <id> --seed S [--transport T] [--path P]`: the command that reproduces one result. @example replayCommand('ds.send-message.fan-out', 1, 'tls') */
export function replayCommand(id: string, seed: number, transport: TransportMode, path?: string): string {
  return `npx mimi-harness replay ${id} --seed ${seed}${transport === 'tls' ? '' : ` --transport ${transport}`}${path === undefined ? '' : ` --path ${path}`}`;
}
