import { TRANSPORT_CHECKS, TRANSPORT_PLANTED } from '../../scenarios/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('transport', TRANSPORT_CHECKS, TRANSPORT_PLANTED);
