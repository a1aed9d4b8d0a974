/** A page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Page size bounds every list query enforces. */
export const maxPageSize = 500;
export const defaultPageSize = 50;

/** Thrown for a cursor this API did not hand out: the API answers 400. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  readonly code = 'invalid_cursor';
  constructor(readonly cursor: string) {
    super('invalid cursor');
  }
}

/** Opaque cursor: base64url of the JSON array of the last row's key. */
export const encodeCursor = (key: readonly string[]): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The key inside a cursor of `arity` parts. */
export const decodeCursor = (cursor: string, arity: number): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity ||
    !parsed.every((p): p is string => typeof p === 'string')
  )
    throw new InvalidCursorError(cursor);
  return parsed;
};

/** Clamps a requested page size into 1..maxPageSize. */
export const pageSize = (limit: number | undefined): number =>
  limit === undefined || !Number.isFinite(limit)
    ? defaultPageSize
    : Math.min(maxPageSize, Math.max(1, Math.trunc(limit)));

/**
 * The row count a page's statement reads (`limit + 1`) when it may be written into the text, else
 * undefined (bind it). It is for the default page size: a named statement whose `limit` is a
 * parameter is costed by the planner as reading a tenth of the rows, which can make it re-plan
 * the statement on every call (a custom plan) rather than keep its generic plan; with the count
 * in the text it plans for the page it reads. Other sizes are bound: written in, each of 500
 * would be a statement of its own on every connection.
 */
export const literalPageRows = (limit: number): number | undefined =>
  limit === defaultPageSize ? defaultPageSize + 1 : undefined;

/** Turns `limit + 1` fetched rows into a page: the extra row only says there is more. */
export const toPage = <R, T>(
  rows: readonly R[],
  limit: number,
  view: (row: R) => T,
  key: (row: R) => readonly string[],
): Page<T> => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null,
  };
};

/** Keyset page request: `cursor` is the opaque `nextCursor` of the previous page. */
export interface ListOptions {
  readonly limit?: number;
  readonly cursor?: string | undefined;
}

/**
 * A page of rows ordered by their `id`: `fetch` reads at most `limit` rows with ids after
 * `after` (undefined on the first page). Throws InvalidCursorError.
 */
export const pageById = async <R extends { readonly id: string }, T>(
  options: ListOptions,
  fetch: (limit: number, after: string | undefined) => Promise<readonly R[]>,
  view: (row: R) => T,
): Promise<Page<T>> => {
  const limit = pageSize(options.limit);
  const after =
    options.cursor === undefined ? undefined : (decodeCursor(options.cursor, 1)[0] ?? '');
  return toPage(await fetch(limit + 1, after), limit, view, (r) => [r.id]);
};
