/**
 * The sizes the benchmarks measure (issue 13 §2). `MIMI_BENCH_SCALE=10000` adds the large points
 * (10,000 providers, groups of 512), which take minutes; the default `npm run bench` stays near ten.
 *
 * @example
 * for (const providers of BENCH_SCALE.providers) console.log(providers);
 */
export const BENCH_SCALE = scalePoints(process.env['MIMI_BENCH_SCALE']);

function scalePoints(value: string | undefined): { readonly large: boolean; readonly providers: readonly number[]; readonly groupSizes: readonly number[] } {
  const large = value === '10000';
  return { large, providers: large ? [10, 100, 1000, 10_000] : [10, 100, 1000], groupSizes: large ? [2, 16, 128, 512] : [2, 16, 128] };
}
