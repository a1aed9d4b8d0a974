/**
 * The demo company `erpcore seed --demo` writes, as a deterministic list of API requests: the
 * same list on every run (no clock, no random), so each request's `Idempotency-Key` names the
 * same command every time and a second run appends nothing.
 */
export interface SeedRequest {
  readonly method: 'POST' | 'PUT';
  readonly url: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Stable per request: the key its event ids derive from. */
  readonly key: string;
}

/** How big the company is; the defaults make "a realistic small company". */
export interface DemoSize {
  readonly products: number;
  readonly customers: number;
  readonly orders: number;
}

export const defaultDemoSize: DemoSize = { products: 300, customers: 40, orders: 120 };

/** The order statuses the demo leaves orders in, by `index % 8`: every status appears. */
export type DemoStatus = 'pending' | 'confirmed' | 'delivered' | 'cancelled';
export const demoStatusOf = (index: number): DemoStatus =>
  (
    [
      'pending',
      'pending',
      'confirmed',
      'confirmed',
      'delivered',
      'delivered',
      'delivered',
      'cancelled',
    ] as const
  )[index % 8] ?? 'pending';

const branches = [
  { id: 'br-north', warehouse: 'wh-north', name: 'North Branch Store' },
  { id: 'br-centre', warehouse: 'wh-centre', name: 'Central Warehouse' },
  { id: 'br-south', warehouse: 'wh-south', name: 'South Branch Store' },
] as const;

/** A small company's chart: [id, name, type, parent]. Ids are the usual four-digit codes. */
const chart: ReadonlyArray<readonly [string, string, string, string | null]> = [
  ['1000', 'Assets', 'asset', null],
  ['1100', 'Current Assets', 'asset', '1000'],
  ['1110', 'Cash on Hand', 'asset', '1100'],
  ['1120', 'Bank - Main Account', 'asset', '1100'],
  ['1130', 'Accounts Receivable', 'asset', '1100'],
  ['1140', 'Inventory', 'asset', '1100'],
  ['1200', 'Fixed Assets', 'asset', '1000'],
  ['1210', 'Equipment', 'asset', '1200'],
  ['1220', 'Vehicles', 'asset', '1200'],
  ['2000', 'Liabilities', 'liability', null],
  ['2100', 'Current Liabilities', 'liability', '2000'],
  ['2110', 'Accounts Payable', 'liability', '2100'],
  ['2120', 'Goods Received Not Invoiced', 'liability', '2100'],
  ['2130', 'VAT Payable', 'liability', '2100'],
  ['2200', 'Long-term Loans', 'liability', '2000'],
  ['3000', 'Equity', 'equity', null],
  ['3100', "Owner's Capital", 'equity', '3000'],
  ['3200', 'Retained Earnings', 'equity', '3000'],
  ['4000', 'Income', 'income', null],
  ['4100', 'Product Sales', 'income', '4000'],
  ['4200', 'Other Income', 'income', '4000'],
  ['5000', 'Expenses', 'expense', null],
  ['5100', 'Cost of Goods Sold', 'expense', '5000'],
  ['5200', 'Stock Adjustments', 'expense', '5000'],
  ['5300', 'Rent', 'expense', '5000'],
  ['5400', 'Salaries', 'expense', '5000'],
  ['5500', 'Utilities', 'expense', '5000'],
];

/** Every posting role mapped to the company's own account (the sys.* ones stay, unused). */
const postingAccounts = {
  cash: '1120',
  receivable: '1130',
  inventory: '1140',
  payable: '2110',
  grni: '2120',
  revenue: '4100',
  cogs: '5100',
  stockAdjustment: '5200',
};

const materials = [
  'Steel',
  'Copper',
  'Brass',
  'Aluminium',
  'PVC',
  'Oak',
  'Pine',
  'Nylon',
  'Rubber',
  'Galvanised',
];
/** [item, unit, base price in cents]: pieces, metres and kilograms. */
const items: ReadonlyArray<readonly [string, string, number]> = [
  ['Bolt M8', 'pcs', 35],
  ['Hinge', 'pcs', 420],
  ['Bracket', 'pcs', 275],
  ['Valve', 'pcs', 1890],
  ['Handle', 'pcs', 650],
  ['Cable 2.5mm', 'm', 120],
  ['Pipe 20mm', 'm', 310],
  ['Rope 10mm', 'm', 95],
  ['Chain', 'm', 780],
  ['Nails', 'kg', 540],
  ['Screws', 'kg', 890],
  ['Wire', 'kg', 660],
];
const firstNames = [
  'Ana',
  'Bruno',
  'Carla',
  'Diego',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
];
const lastNames = ['Silva', 'Okafor', 'Novak', 'Haddad', 'Larsen', 'Moreau', 'Tanaka', 'Costa'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const cents = (c: number): string => `${Math.floor(c / 100)}.${pad(c % 100, 2)}`;

interface DemoProduct {
  readonly id: string;
  readonly warehouse: string;
  readonly priceCents: number;
}

const product = (i: number): DemoProduct & { readonly name: string; readonly unit: string } => {
  const [item, unit, base] = items[i % items.length] ?? ['Part', 'pcs', 100];
  const material = materials[Math.floor(i / items.length) % materials.length] ?? 'Steel';
  const series = Math.floor(i / (items.length * materials.length)) + 1;
  return {
    id: `sku-${pad(i + 1, 4)}`,
    name: `${material} ${item}${series > 1 ? ` (series ${series})` : ''}`,
    unit,
    warehouse: branches[i % branches.length]?.warehouse ?? 'wh-north',
    priceCents: base + ((i * 37) % 200),
  };
};

/** The requests, in the order they must run. */
export const demoRequests = (size: DemoSize = defaultDemoSize): readonly SeedRequest[] => {
  const out: SeedRequest[] = [];
  const add = (method: SeedRequest['method'], url: string, body: SeedRequest['body']): void => {
    out.push({ method, url, body, key: `seed-demo-${out.length}` });
  };
  for (const [id, name, type, parentId] of chart)
    add('POST', '/v1/accounts', { id, name, type, ...(parentId === null ? {} : { parentId }) });
  add('PUT', '/v1/settings/posting-accounts', postingAccounts);
  for (const b of branches)
    add('POST', '/v1/warehouses', { id: b.warehouse, name: b.name, branchId: b.id });
  const products = Array.from({ length: size.products }, (_x, i) => product(i));
  for (const p of products) add('POST', '/v1/products', { id: p.id, name: p.name, unit: p.unit });
  for (const [i, p] of products.entries())
    add('POST', '/v1/stock/receipts', {
      productId: p.id,
      warehouseId: p.warehouse,
      quantity: String(200 + ((i * 53) % 300)),
      reference: 'opening stock',
    });
  for (let i = 0; i < size.customers; i++)
    add('POST', '/v1/customers', {
      id: `cust-${pad(i + 1, 3)}`,
      name: `${firstNames[i % firstNames.length] ?? 'Ana'} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length] ?? 'Silva'}`,
      phone: `+351 21 555 ${pad(1000 + i, 4)}`,
    });
  add('POST', '/v1/journal-entries', {
    id: 'je-opening-capital',
    date: '2026-01-02',
    description: "Owner's capital paid into the bank",
    lines: [
      { accountId: '1120', debit: '50000' },
      { accountId: '3100', credit: '50000' },
    ],
  });
  add('POST', '/v1/journal-entries', {
    id: 'je-rent-january',
    date: '2026-01-05',
    description: 'January rent',
    lines: [
      { accountId: '5300', debit: '1200' },
      { accountId: '1120', credit: '1200' },
    ],
  });
  for (let i = 0; i < size.orders; i++) {
    const b = branches[i % branches.length] ?? branches[0];
    const local = products.filter((p) => p.warehouse === b.warehouse);
    const lines = Array.from({ length: 1 + (i % 4) }, (_x, n) => {
      const p = local[(i * 7 + n * 13) % local.length] ?? products[0];
      return { p, quantity: 1 + ((i + n) % 5) };
    }).filter((l, n, all) => l.p !== undefined && all.findIndex((m) => m.p?.id === l.p?.id) === n);
    const id = `so-${pad(i + 1, 4)}`;
    const customerId = `cust-${pad((i % size.customers) + 1, 3)}`;
    add('POST', '/v1/orders', {
      id,
      customerId,
      branchId: b.id,
      salespersonId: `sp-${(i % 5) + 1}`,
      warehouseId: b.warehouse,
      items: lines.map(({ p, quantity }) => ({
        productId: p?.id,
        quantity: String(quantity),
        unitPrice: cents(p?.priceCents ?? 100),
      })),
    });
    const status = demoStatusOf(i);
    if (status === 'pending') continue;
    if (status === 'cancelled') {
      // Half are cancelled after confirming (releasing the reservation), half straight away.
      if (i % 16 === 7) add('POST', `/v1/orders/${id}/confirm`, {});
      add('POST', `/v1/orders/${id}/cancel`, { reason: 'customer changed their mind' });
      continue;
    }
    add('POST', `/v1/orders/${id}/confirm`, {});
    if (status === 'confirmed') continue;
    add('POST', `/v1/orders/${id}/deliver`, {});
    // Two of three delivered orders are paid in full.
    if (i % 3 !== 0) {
      const total = lines.reduce((s, { p, quantity }) => s + (p?.priceCents ?? 100) * quantity, 0);
      add('POST', `/v1/customers/${customerId}/payments`, {
        id: `pay-${id}`,
        amount: cents(total),
      });
    }
  }
  return out;
};
