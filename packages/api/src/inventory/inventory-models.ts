/** One definition of each inventory stream kind: the application's inventory module. */
export { productModel, stockModel, transferModel, warehouseModel } from '@erpcore/application';
