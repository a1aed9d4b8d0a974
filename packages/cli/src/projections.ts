/** `erpcore rebuild <name>` accepts exactly these names: every context module's projections. */
export { allProjections } from '@erpcore/application';
