/**
 * What a stock decision needs to know of a catalogue entry: whether it exists. `ProductState`
 * and `WarehouseState` fit as they are; a handler that already knows an entry exists (a stock
 * stream is only ever opened after both were checked, and catalogue entries are never removed)
 * may pass `{ status: 'active' }` without loading the catalogue stream again.
 */
export interface CatalogFact {
  readonly status: 'absent' | 'active';
}

/** A catalogue entry known to exist. */
export const knownToExist: CatalogFact = { status: 'active' };
