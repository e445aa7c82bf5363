/**
 * A connection of its own for work that can stall on a slow or vanished client: an audit
 * export's COPY streams for as long as the client reads. On a pooled connection a client that
 * stops reading keeps that connection busy (the backend waits to write), and a few such clients
 * took the whole pool. A dedicated connection is outside the pool and is destroyed, not returned,
 * when the work ends, the client goes away, or it idles too long, so the pool never waits on it.
 */
import net from "node:net";
import type { Sql } from "postgres";
import type { DbSettings } from "../env";
import { postgresOptions } from "./pg-options";

interface Factory {
  url: string;
  settings: DbSettings;
}

const factories = new WeakMap<object, Factory>();

/** Called by openPostgres: how to open a dedicated connection to the same database. */
export function registerDedicated(db: object, url: string, settings: DbSettings): void {
  factories.set(db, { url, settings });
}

export interface DedicatedConnection {
  sql: Sql;
  /** Closes the socket at once (the backend ends with it); safe to call more than once. */
  destroy: () => Promise<void>;
}

/** A new single connection to `db`'s PostgreSQL, or null on PGlite (one session, nothing to dedicate). */
export async function openDedicated(db: object): Promise<DedicatedConnection | null> {
  const factory = factories.get(db);
  if (!factory) return null;
  const { default: postgres } = await import("postgres");
  const sockets: net.Socket[] = [];
  const sql = postgres(factory.url, {
    ...postgresOptions(factory.settings, 1),
    // Our own socket, so that it can be destroyed: postgres-js's end() only half-closes it
    // (FIN after a Terminate message), and while the COPY's stream is paused the socket is never
    // read again, so the backend stayed blocked writing to it (seen: backends left in
    // ClientWrite until the server restarted). A destroyed socket fails the backend's next write.
    socket: (o: { host: string[]; port: number[]; path?: string | false }) =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = o.path ? net.connect(o.path) : net.connect(o.port[0]!, o.host[0]!);
        sockets.push(socket);
        socket.once("connect", () => resolve(socket));
        socket.once("error", reject);
      }),
  } as Parameters<typeof postgres>[1]);
  let destroyed: Promise<void> | null = null;
  return {
    sql,
    destroy: () =>
      (destroyed ??= (async () => {
        for (const socket of sockets) socket.destroy();
        await sql.end({ timeout: 0 }).catch(() => {});
      })()),
  };
}
