import type { Check } from '../../harness/conformance/index.js';
import { externalCommitInformationPerGroup } from './external-commit-information-per-group.js';
import { groupOperationPerMember } from './group-operation-per-member.js';
import { keyPackagePerClient } from './key-package-per-client.js';
import { refusalChangesNothing } from './refusal-changes-nothing.js';
import { sourceIsolates } from './source-isolates.js';
import { sourceRecovers } from './source-recovers.js';
import { sourceTriggersAtBudget } from './source-triggers-at-budget.js';
import { welcomeInformationPerGroup } from './welcome-information-per-group.js';

/** Rate-limit checks (transport draft "Rate-limiting", profile §10, §14): per source address, per group and per member, against the target's declared budgets. */
export const RATE_LIMIT_CHECKS: readonly Check[] = [sourceTriggersAtBudget, sourceIsolates, sourceRecovers, welcomeInformationPerGroup, externalCommitInformationPerGroup, groupOperationPerMember, refusalChangesNothing, keyPackagePerClient];
