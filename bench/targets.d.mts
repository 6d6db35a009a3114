// Types of bench/targets.mjs.
import type { LatestRun } from './report.mjs';
export interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly verdict: string;
  readonly why: string;
}
export function assessTargets(latest: LatestRun): TargetRow[];
