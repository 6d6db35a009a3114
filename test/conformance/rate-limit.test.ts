import { RATE_LIMIT_CHECKS, RATE_LIMIT_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

// The reference target with its default budgets (profile §14): every check floods at most ~100 cheap requests.
describeCategory('rate-limit', RATE_LIMIT_CHECKS, RATE_LIMIT_PLANTED);
