/** Edit distance between two strings (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The ids closest to a mistyped one, best first: ids that contain it or
 * share its last segment, then by edit distance.
 *
 * @example
 * closeIds('ds.send-message.fanout', ids) // ['ds.send-message.fan-out', …]
 */
export function closeIds(query: string, ids: readonly string[], count = 5): string[] {
  const last = query.split('.').at(-1) ?? query;
  const score = (id: string) => (id.includes(query) || (last.length > 0 && id.split('.').at(-1) === last) ? 0 : 1) * 1000 + distance(query, id);
  return [...ids].sort((a, b) => score(a) - score(b) || a.localeCompare(b)).slice(0, count);
}
