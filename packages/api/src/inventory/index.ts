/** Inventory's command side lives in `@erpcore/application` (`moveStock`, `transferStock`). */
export { stockModel, transferModel, withStreamLocks } from '@erpcore/application';
