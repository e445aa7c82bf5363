/**
 * A postgres-js pool that is replaced whole when it loses a connection.
 *
 * Why: after `pg_terminate_backend` of the app's backends (a failover, an admin, a restarted
 * server), postgres-js 3.4 does not recover cleanly: queries queued on the dead connections hang
 * for 20 s and more, it throws `Cannot read properties of null (reading 'write')` from inside
 * its connection code (uncaught), and `end()` never resolves (server/db/resilience.int.test.ts
 * shows all three without this). So on the first connection that closes without our asking,
 * every socket of that pool is destroyed (its queries fail at once with CONNECTION_DESTROYED,
 * answered as a 503 and, for reads, run again) and a fresh pool takes its place.
 *
 * Every socket is made here, so that "closed without our asking" is known: with max_lifetime
 * and idle_timeout off (below), postgres-js never closes one by itself.
 */
import net from "node:net";
import type { Options, PostgresType, Sql } from "postgres";
import { preparingUnsafe, statementPolicy, withPreparingCallback } from "./statement-cache";

type PgOptions = Options<Record<string, PostgresType>>;

/** What drizzle uses of a postgres-js client; always the current pool's. */
export interface RenewableClient {
  unsafe: Sql["unsafe"];
  begin: Sql["begin"];
  reserve: Sql["reserve"];
  readonly options: Sql["options"];
}

export interface RenewablePool {
  client: RenewableClient;
  /** How many times the pool was replaced (tests and logs). */
  renewals: () => number;
  end: () => Promise<void>;
}

export async function openRenewablePool(
  url: string,
  options: PgOptions,
  opts: { onRenew?: (reason: string) => void; /** Distinct statements kept prepared (statement-cache.ts); 0: none. */ statementCache?: number } = {},
): Promise<RenewablePool> {
  const { default: postgres } = await import("postgres");
  let ending = false;
  let renewals = 0;
  const sockets = new Map<Sql, Set<net.Socket>>();

  const open = (): Sql => {
    const own = new Set<net.Socket>();
    const sql: Sql = postgres(url, {
      ...options,
      idle_timeout: undefined,
      max_lifetime: null,
      socket: (o: { host: string[]; port: number[]; path?: string | false }) =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = o.path ? net.connect(o.path) : net.connect(o.port[0]!, o.host[0]!);
          own.add(socket);
          socket.once("connect", () => resolve(socket));
          socket.once("error", reject);
          socket.once("close", () => {
            own.delete(socket);
            if (!ending && sql === current) renew("a database connection closed unexpectedly");
          });
        }),
    } as PgOptions);
    sockets.set(sql, own);
    return sql;
  };

  let current = open();
  const first = current;

  const retire = (sql: Sql) => {
    for (const socket of sockets.get(sql) ?? []) socket.destroy();
    sockets.delete(sql);
    // Its sockets are gone; end() only settles the bookkeeping, and is not awaited (it may never settle).
    void sql.end({ timeout: 0 }).catch(() => {});
  };

  const renew = (reason: string) => {
    const old = current;
    current = open();
    // drizzle set its type parsers on the first pool's options; the new pool reads rows the same way.
    Object.assign(current.options.parsers, first.options.parsers);
    Object.assign(current.options.serializers, first.options.serializers);
    renewals++;
    opts.onRenew?.(reason);
    retire(old);
  };

  // One policy across renewals: a new pool's connections prepare the same statements again on first use.
  const admit = statementPolicy(opts.statementCache ?? 0);
  const unsafe = preparingUnsafe((...args) => current.unsafe(...(args as Parameters<Sql["unsafe"]>)), admit);
  const client: RenewableClient = {
    unsafe: unsafe as Sql["unsafe"],
    begin: ((...args: unknown[]) => (current.begin as (...a: unknown[]) => unknown)(...withPreparingCallback(args, admit))) as Sql["begin"],
    reserve: (() => current.reserve()) as Sql["reserve"],
    get options() {
      return current.options;
    },
  };

  return {
    client,
    renewals: () => renewals,
    end: async () => {
      ending = true;
      await current.end({ timeout: 5 });
    },
  };
}
