import { DS_CHECKS, DS_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('ds', DS_CHECKS, DS_PLANTED);
