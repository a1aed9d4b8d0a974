import { contexts } from '@erpcore/application';
import {
  accountingProjections,
  salesProjections,
  reportingProjections,
  purchasingProjections,
  type ProjectionDefinition,
} from '@erpcore/projections';

/** Projections of contexts that have no module in `@erpcore/application`'s `contexts` yet. */
const withoutModule: readonly ProjectionDefinition[] = [
  ...accountingProjections,
  ...salesProjections,
  ...reportingProjections,
  ...purchasingProjections,
];

const declared = contexts.flatMap((c) => c.projections);

/**
 * Every projection this process runs and migrates: each context module's (`contexts`), then
 * those not declared by a module yet. `erpcore rebuild <name>` accepts exactly these names.
 */
export const allProjections: readonly ProjectionDefinition[] = [
  ...declared,
  ...withoutModule.filter((p) => !declared.some((d) => d.name === p.name)),
];
