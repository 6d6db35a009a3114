// Types of bench/report.mjs, for test/bench/benchmarks-doc.test.ts.
export interface BenchmarkRow {
  readonly name: string;
  readonly medianMs: number;
  readonly p75Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samples: number;
}
export interface BenchmarkGroup {
  readonly name: string;
  readonly file: string;
  readonly benchmarks: readonly BenchmarkRow[];
}
export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  readonly scale: string;
}
export interface LatestRun {
  readonly machine: Machine;
  readonly groups: readonly BenchmarkGroup[];
  readonly meta: Readonly<Record<string, unknown>>;
}
export const LATEST_JSON: URL;
export const BENCHMARKS_MD: URL;
export function collectRun(vitest: unknown, meta: Record<string, unknown>, machine: Machine): LatestRun;
export function machineNow(): Machine;
export function duration(ms: number): string;
export function ratio(a: number, b: number): string;
export function renderBenchmarks(latest: LatestRun): string;
