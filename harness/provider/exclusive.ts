/**
 * One queue per key: bodies with the same key run one after another, in
 * arrival order; different keys run freely.
 *
 * @example
 * const exclusive = createExclusive();
 * await exclusive(groupKey, () => processCommit(...));
 */
export function createExclusive(): <T>(key: string, body: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, body: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(body, body);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
