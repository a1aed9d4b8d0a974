/**
 * One text per value, whatever the order its object keys came in: keys sorted, bigints (decoded
 * decimals: "5" and "5.0" both decode to the same scaled bigint) as tagged decimal strings,
 * `undefined` members left out as JSON leaves them out.
 */
export const canonicalJson = (value: unknown): string => {
  if (typeof value === 'bigint') return `"${value.toString()}n"`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const members = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${members.join(',')}}`;
};
