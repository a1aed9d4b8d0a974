import { decodeCursor, encodeCursor, InvalidCursorError } from '@erpcore/projections';

/**
 * Job lists page by offset: BullMQ reads each state's list or sorted set by range, and these
 * lists are short (bounded by retention). The cursor stays opaque to clients all the same.
 */
export const encodeOffsetCursor = (offset: number): string => encodeCursor([String(offset)]);

/** The offset inside a cursor; InvalidCursorError for anything this module did not encode. */
export const decodeOffsetCursor = (cursor: string | undefined): number => {
  if (cursor === undefined) return 0;
  const [raw] = decodeCursor(cursor, 1);
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) throw new InvalidCursorError(cursor);
  return Number(raw);
};

/** Turns `limit + 1` fetched jobs starting at `offset` into a page. */
export const offsetPage = <T>(
  rows: readonly T[],
  offset: number,
  limit: number,
): { readonly items: readonly T[]; readonly nextCursor: string | null } => ({
  items: rows.slice(0, limit),
  nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
});
