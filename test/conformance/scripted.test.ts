import { SCRIPTED_CHECKS, SCRIPTED_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('scripted', SCRIPTED_CHECKS, SCRIPTED_PLANTED);
