import { MALFORMED_CHECKS, MALFORMED_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('malformed', MALFORMED_CHECKS, MALFORMED_PLANTED);
