import { FORWARDING_CHECKS, FORWARDING_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('forwarding', FORWARDING_CHECKS, FORWARDING_PLANTED);
