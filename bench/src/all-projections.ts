/** Every projection of the system, as a projector process runs them (the context modules'). */
export { allProjections } from '@erpcore/application';
