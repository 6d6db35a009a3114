import { describe, expect, it } from 'vitest';
import { createClientQueues, createRateLimiter, createReplayStore, DEDUP_MEMORY_MS, MAX_BUCKETS, REPLAY_MEMORY_MS } from '../../harness/provider/index.js';

const bob = { user: { user_name: 'bob', domain: 'beta.test' }, client_name: 'phone' };

function fakeClock() {
  let now = 0;
  return { now: () => now, setTimer: () => () => undefined, sleep: () => Promise.resolve(), waitFor: <T>(work: Promise<T>) => work, advance: (ms: number) => (now += ms) };
}

describe('bounded provider stores (profile §13, §14)', () => {
  it('the replay store remembers an accepted answer for 24 h, then forgets it', async () => {
    const clock = fakeClock();
    const replays = createReplayStore(clock);
    let processed = 0;
    const answer = () => {
      processed += 1;
      return Promise.resolve(new Response(new Uint8Array([processed]), { status: 200 }));
    };
    await replays.once('ds.alpha.test', 1n, new Uint8Array([1]), answer);
    await expect(replays.once('ds.alpha.test', 1n, new Uint8Array([2]), answer)).rejects.toMatchObject({ code: 'duplicate_message_id' });
    clock.advance(REPLAY_MEMORY_MS + 60 * 60 * 1000);
    const later = await replays.once('ds.alpha.test', 1n, new Uint8Array([2]), answer);
    expect([later.status, processed]).toEqual([200, 2]);
  });

  it('a refused first attempt leaves no record, even for a repeat that waited for it', async () => {
    const replays = createReplayStore(fakeClock());
    let release: () => void = () => undefined;
    const first = replays.once('ds.alpha.test', 5n, new Uint8Array([1]), () => new Promise((_, reject) => { release = () => { reject(new Error('refused')); }; }));
    const second = replays.once('ds.alpha.test', 5n, new Uint8Array([9]), () => Promise.resolve(new Response('ok', { status: 200 })));
    release();
    await expect(first).rejects.toThrow('refused');
    expect((await second).status).toBe(200);
  });

  it('client queues deduplicate for 24 h', () => {
    const clock = fakeClock();
    const queues = createClientQueues(clock);
    const message = { sender: 'ds.alpha.test', messageId: 7n, kind: 'deliver_message' as const, message: new Uint8Array([1]) };
    expect([queues.deliver(bob, message), queues.deliver(bob, message)]).toEqual([true, false]);
    clock.advance(DEDUP_MEMORY_MS);
    expect(queues.deliver(bob, message)).toBe(true);
  });

  it('the rate limiter keeps at most MAX_BUCKETS buckets under random keys', () => {
    const limiter = createRateLimiter({ '/p': { source: { burst: 5, perSecond: 0.001 } } }, fakeClock());
    for (let i = 0; i < MAX_BUCKETS * 3; i++) limiter.take('/p', 'source', `k${i}`);
    expect(limiter.size).toBeLessThanOrEqual(MAX_BUCKETS);
  });

  it('a flood of new keys does not refill a drained KeyPackage budget (the sweep never drops one that is not full)', () => {
    const limiter = createRateLimiter({ '/p': { source: { burst: 5, perSecond: 0.001 }, key_package: { burst: 2, perSecond: 0.001 } } }, fakeClock());
    limiter.take('/p', 'key_package', 'bob');
    limiter.take('/p', 'key_package', 'bob');
    expect(() => {
      limiter.take('/p', 'key_package', 'bob');
    }).toThrow(/rate_limited|key_package limit/);
    for (let i = 0; i < MAX_BUCKETS * 3; i++) limiter.take('/p', 'source', `k${i}`);
    expect(limiter.size).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(limiter.peek('/p', 'key_package', 'bob').tokens).toBe(0);
  });
});
