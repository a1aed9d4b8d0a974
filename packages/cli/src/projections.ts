import {
  accountingProjections,
  catalogProjections,
  inventoryProjections,
  salesProjections,
  reportingProjections,
  type ProjectionDefinition,
} from '@erpcore/projections';

/**
 * Every projection this process runs and migrates. A bounded context adds its list here
 * (one line each); `erpcore rebuild <name>` accepts exactly these names.
 */
export const allProjections: readonly ProjectionDefinition[] = [
  ...catalogProjections,
  ...inventoryProjections,
  ...accountingProjections,
  ...salesProjections,
  ...reportingProjections,
];
