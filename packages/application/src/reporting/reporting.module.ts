import { reportingProjections } from '@erpcore/projections';
import { contextModule } from '../context-module.js';

/**
 * Reporting writes no stream of its own: its projections (daily ledger, party ledger, stock
 * valuation) read what the other contexts write, so it migrates after them.
 */
export const reportingModule = contextModule({
  name: 'reporting',
  streamKinds: {},
  useCases: {},
  projections: reportingProjections,
});
