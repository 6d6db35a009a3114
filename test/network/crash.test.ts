import { describe, expect, it } from 'vitest';
import { createNetwork, type TransportMode } from '../../harness/network/index.js';

describe.each<TransportMode>(['direct', 'tls'])('a crash resets the exchanges in flight (%s)', (transport) => {
  it('the caller of a host that crashes mid-request gets ECONNRESET, not the late answer', async () => {
    const network = createNetwork({ seed: 6, transport });
    try {
      await network.addHost({ names: ['slow.test'], start: () => async () => {
        await network.clock.sleep(100);
        return new Response('late');
      } });
      const pending = network.run('a', () => fetch('https://slow.test/')).then(
        (r) => r.text(),
        (error: unknown) => `failed: ${String((error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined)?.code)}`,
      );
      await network.advance(50);
      network.crash('slow.test');
      expect(await network.drive(pending)).toBe('failed: ECONNRESET');
    } finally {
      await network.dispose();
    }
  });
});
