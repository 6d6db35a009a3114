/**
 * A set of users of something global (a patch of Node's modules): `install`
 * runs when the first user is added, its teardown when the last one leaves.
 *
 * @example
 * const guards = installedWhileUsed(install);
 * const release = guards.add(listener);
 */
export interface InstalledWhileUsed<T> {
  readonly users: ReadonlySet<T>;
  /** Adds a user (installing on the first); returns the function that removes it again. */
  add(user: T): () => void;
}

export function installedWhileUsed<T>(install: () => () => void): InstalledWhileUsed<T> {
  const users = new Set<T>();
  let teardown: (() => void) | undefined;
  return {
    users,
    add(user) {
      users.add(user);
      teardown ??= install();
      return () => {
        users.delete(user);
        if (users.size === 0 && teardown !== undefined) {
          teardown();
          teardown = undefined;
        }
      };
    },
  };
}
