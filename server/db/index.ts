import "server-only";

export type { Db, Tx, DbOrTx } from "./client";
export { getProcessDb as getDb } from "./process-db";
