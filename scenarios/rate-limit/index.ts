import type { Check } from '../../harness/conformance/index.js';
import { sourceIsolates } from './source-isolates.js';
import { sourceRecovers } from './source-recovers.js';
import { sourceTriggersAtBudget } from './source-triggers-at-budget.js';

/** Rate-limit checks (transport draft "Rate-limiting", profile §10, §14): per source address, per group and per member, against the target's declared budgets. */
export const RATE_LIMIT_CHECKS: readonly Check[] = [sourceTriggersAtBudget, sourceIsolates, sourceRecovers];
