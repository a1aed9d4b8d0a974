import type * as t from 'io-ts';

/** `data.eventId: expected string; …`, one entry per failing path, for a job's last error. */
export const describePayloadErrors = (errors: t.Errors): string => {
  const parts = new Set<string>();
  for (const error of errors) {
    const path = error.context
      .map((c) => c.key)
      .filter((k) => k !== '')
      .join('.');
    const expected = error.context[error.context.length - 1]?.type.name ?? 'value';
    parts.add(`${path === '' ? 'payload' : path}: ${error.message ?? `expected ${expected}`}`);
  }
  return [...parts].join('; ');
};
