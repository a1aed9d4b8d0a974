/** Stream ids, as ../shared/API.md names them. One place builds them. */
export const streamIds = {
  warehouse: (id: string): string => `warehouse-${id}`,
  product: (id: string): string => `product-${id}`,
  stock: (productId: string, warehouseId: string): string => `stock-${productId}@${warehouseId}`,
  chart: (companyId = 'main'): string => `chart-${companyId}`,
  journal: (id: string): string => `journal-${id}`,
  customer: (id: string): string => `customer-${id}`,
  order: (id: string): string => `order-${id}`,
} as const;
