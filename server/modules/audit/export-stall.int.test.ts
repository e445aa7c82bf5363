import http from "node:http";
import net from "node:net";
import { Readable, pipeline } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { errorResponse } from "@/server/http/errors";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { exportDownload, type DownloadLimits } from "./download";

const ROWS = 30_000; // about 18 MB of CSV: far more than the socket buffers between a stalled client and PostgreSQL
/**
 * The idle timeout is long enough that every client is still stalled, not yet cut off, when the
 * test looks (all twelve take a while to reach 64 KB on a busy machine). PostgreSQL: the twelve stalled clients, more than the pool has connections. PGlite has
 * no pool and serves the clients one page at a time, so three show the cap and the idle timeout.
 */
const limitsFor = (kind: string): DownloadLimits => ({ maxConcurrent: kind === "postgres" ? 12 : 3, idleTimeoutMs: 20_000 });

/** Serves exportDownload over real HTTP, as Next.js does: the body piped to the socket, cancelled when the client goes. */
function serve(db: Parameters<typeof exportDownload>[0], id: string, limits: DownloadLimits) {
  const server = http.createServer((_req, res) => {
    void (async () => {
      let response: Response;
      try {
        response = await exportDownload(db, id, limits);
      } catch (err) {
        response = errorResponse(err, "audit export download");
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return res.end();
      pipeline(Readable.fromWeb(response.body as never), res, () => {});
    })();
  });
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
      }),
    ),
  );
}

/** A client that reads 64 KB of the download and then stops reading, until `close()`. */
function stalledClient(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  socket.write("GET /export HTTP/1.1\r\nHost: steward.test\r\nConnection: close\r\n\r\n");
  let received = 0;
  let head = "";
  const stalled = new Promise<string>((resolve) => {
    socket.on("data", (chunk: Buffer) => {
      if (received === 0) head = chunk.toString("latin1");
      received += chunk.length;
      if (received >= 64 * 1024) {
        socket.pause();
        resolve(head);
      }
    });
    socket.on("end", () => resolve(head));
  });
  socket.on("error", () => {});
  return { stalled, close: () => socket.destroy() };
}

describeEachDb("a stalled audit export download", (getDb, kind) => {
  const LIMITS = limitsFor(kind);
  let id: string;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    const db = getDb();
    await db.execute(sql`
      INSERT INTO audit_events (actor_label, action, entity_type, entity_id, before, after, reason)
      SELECT 'bulk' || (i % 50) || '@example.test', 'user.updated', 'user', 'u-' || i,
             jsonb_build_object('n', i, 'pad', repeat('x', 200)), jsonb_build_object('n', i + 1), 'load'
      FROM generate_series(1, ${ROWS}) AS i`);
    const auditor = await makeUser(db, ["auditor"]);
    id = (await callerFor(db, auditor).audit.exports.create({ format: "csv" })).id;
    server = await serve(db, id, LIMITS);
  }, 300_000);
  afterAll(() => server?.close());

  const copies = async () =>
    rowsOf<{ n: number }>(
      await getDb().execute(
        sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND query LIKE 'COPY (SELECT%' AND pid <> pg_backend_pid()`,
      ),
    )[0]!.n;

  it("clients that stall and then close hold no pooled connection, one more is told to wait (429), and other requests still answer in time", async () => {
    const clients = Array.from({ length: LIMITS.maxConcurrent }, () => stalledClient(server.port));
    const heads = await Promise.all(clients.map((c) => c.stalled));
    for (const head of heads) expect(head).toMatch(/^HTTP\/1\.1 200/);

    // All exports are stalled: one more is refused at once, with a reason and Retry-After.
    const refused = await fetch(`http://127.0.0.1:${server.port}/export`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect((await refused.json()).error).toMatch(new RegExp(`${LIMITS.maxConcurrent} audit exports are downloading now.*Try again when one has finished`));

    // The pool is untouched by the stalled exports: 30 queries at once all answer quickly.
    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, () => getDb().execute(sql`SELECT count(*) FROM segments`)));
    expect(performance.now() - started).toBeLessThan(5000);

    // Past the idle timeout the exports' own connections are gone, before the clients even close.
    if (kind === "postgres") {
      // Each stalled export's COPY runs on its own connection, not a pooled one. (Not always all of
      // them: loopback socket buffers can grow to take one export's whole output, so its COPY ends.)
      const running = await copies();
      expect(running).toBeGreaterThan(0);
      expect(running).toBeLessThanOrEqual(LIMITS.maxConcurrent);
      await expect.poll(copies, { timeout: LIMITS.idleTimeoutMs + 10_000, interval: 250 }).toBe(0);
    } else {
      await new Promise((r) => setTimeout(r, LIMITS.idleTimeoutMs + 500));
    }
    for (const c of clients) c.close();

    // Every slot is free again: a download that reads at full speed completes.
    const res = await fetch(`http://127.0.0.1:${server.port}/export`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThan(ROWS);
  }, 120_000);

  it("a client that closes mid-download frees its connection at once", async () => {
    if (kind === "postgres") await expect.poll(copies, { timeout: LIMITS.idleTimeoutMs + 10_000, interval: 250 }).toBe(0);
    const client = stalledClient(server.port);
    await client.stalled;
    if (kind === "postgres") expect(await copies()).toBe(1);
    client.close();
    if (kind === "postgres") await expect.poll(copies, { timeout: 5000, interval: 100 }).toBe(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/export`);
    expect(res.status).toBe(200);
    await res.body!.cancel();
  }, 60_000);
});
