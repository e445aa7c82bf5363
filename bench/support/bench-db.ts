import postgres from "postgres";

/** The PostgreSQL server the benchmarks create their databases on (BENCH_PG_URL, else the local one). */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The address of database `name` on the same server as `adminUrl`. */
export const benchDbUrl = (name: string, adminUrl = ADMIN_URL) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

/** One statement (CREATE/DROP DATABASE) on its own short-lived connection: they cannot run in a pool's transaction. */
export async function adminStatement(statement: string, adminUrl = ADMIN_URL) {
  const client = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}
