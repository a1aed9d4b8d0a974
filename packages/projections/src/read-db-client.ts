import type { SqlClient } from '@erpcore/eventstore';

const clients = new WeakMap<object, SqlClient>();

/** Lets fixed statements on `db` go to `client` directly, past kysely's executor (read-db.ts). */
export const runsOn = (db: object, client: SqlClient): void => void clients.set(db, client);

/** The SqlClient a read database was made on (createReadDb), if fixed statements may use it. */
export const clientOf = (db: object): SqlClient | undefined => clients.get(db);
