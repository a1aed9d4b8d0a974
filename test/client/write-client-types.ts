import { writeFile } from 'node:fs/promises';
import { clientTypesFile, liveClientTypes } from './client-types.js';

// `npm run openapi:types`: regenerates test/client/erpcore-api.d.ts from the live document.
await writeFile(clientTypesFile, await liveClientTypes());
console.log(`wrote ${clientTypesFile}`);
