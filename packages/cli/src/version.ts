import { readFileSync } from 'node:fs';

/** The CLI package's version (src/ and dist/ both sit one level below package.json). */
export const cliVersion = (): string => {
  const raw: unknown = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  return typeof raw === 'object' &&
    raw !== null &&
    'version' in raw &&
    typeof raw.version === 'string'
    ? raw.version
    : 'unknown';
};
