import { ADVERSARIAL_CHECKS, ADVERSARIAL_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('adversarial', ADVERSARIAL_CHECKS, ADVERSARIAL_PLANTED);
