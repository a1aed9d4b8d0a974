/** Moved to `@erpcore/application`: one queue per stream per process, whoever runs the command. */
export { withStreamLocks } from '@erpcore/application';
