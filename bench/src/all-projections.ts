import {
  accountTreeProjection,
  catalogProjections,
  customerBalancesProjection,
  orderListProjection,
  reportingProjections,
  stockLedgerProjection,
  stockLevelsProjection,
  type ProjectionDefinition,
} from '@erpcore/projections';

/** Every projection of the system, as a projector process runs them. */
export const allProjections: readonly ProjectionDefinition[] = [
  stockLevelsProjection,
  stockLedgerProjection,
  accountTreeProjection,
  orderListProjection,
  customerBalancesProjection,
  ...catalogProjections,
  ...reportingProjections,
];
