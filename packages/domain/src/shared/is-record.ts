/** A JSON object (not null, not an array): what decoders check before reading named fields. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);
