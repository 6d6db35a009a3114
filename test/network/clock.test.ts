import { describe, expect, it } from 'vitest';
import { createRng, createVirtualClock } from '../../harness/network/index.js';

describe('virtual clock', () => {
  it('fires timers in time order, then creation order, without real waiting', async () => {
    const clock = createVirtualClock(1_000_000);
    const fired: string[] = [];
    clock.setTimer(50, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    clock.setTimer(50, () => fired.push('c'));
    const cancel = clock.setTimer(20, () => fired.push('cancelled'));
    cancel();
    const started = Date.now();
    await clock.advance(49);
    expect(fired).toEqual(['a']);
    await clock.advance(1);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(1_000_050);
    expect(clock.elapsed()).toBe(50);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('lets promise chains started by a timer run before the next timer', async () => {
    const clock = createVirtualClock(0);
    const order: string[] = [];
    void clock.sleep(10).then(async () => {
      order.push('slept 10');
      await Promise.resolve();
      order.push('continued');
    });
    clock.setTimer(20, () => order.push('timer 20'));
    await clock.advance(30);
    expect(order).toEqual(['slept 10', 'continued', 'timer 20']);
  });

  it('refuses negative or infinite delays', () => {
    const clock = createVirtualClock(0);
    expect(() => clock.setTimer(-1, () => undefined)).toThrow(RangeError);
    expect(() => clock.setTimer(Number.POSITIVE_INFINITY, () => undefined)).toThrow(RangeError);
  });
});

describe('seeded RNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 8 }, ((rng) => () => rng.int(0, 1000))(createRng(seed)));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('forks independent generators by label', () => {
    const a = createRng(1).fork('link a');
    const b = createRng(1).fork('link b');
    expect(a.next()).not.toBe(b.next());
    expect(createRng(1).fork('link a').next()).toBe(createRng(1).fork('link a').next());
  });

  it('draws uniformly enough over [0, 1)', () => {
    const rng = createRng(3);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const bucket = Math.floor(rng.next() * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(400);
  });
});
