// How the command-line scripts open the configured database: a locked folder or an unreachable
// server ends the script with the message alone (it says what to do; a stack trace would not),
// and the database is closed however the work ends.
import { openConfiguredDb, type OpenDb } from "../server/db/client";

export function fail(message: string, code = 1): never {
  console.error(`[steward] ${message}`);
  process.exit(code);
}

/** `failCode` is the exit code when the database cannot be opened (audit:verify says 2: a configuration error). */
export async function withScriptDb<T>(work: (opened: OpenDb) => Promise<T>, failCode = 1): Promise<T> {
  let opened: OpenDb;
  try {
    opened = await openConfiguredDb();
  } catch (err) {
    fail((err as Error).message, failCode);
  }
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}
