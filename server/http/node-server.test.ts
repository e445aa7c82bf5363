import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { createLogger, requestContext } from "@/server/log";
import { installServerHooks, requestsInFlight, whenIdle } from "./node-server";
import { PEER_HEADER, peerAddress } from "./peer-stamp";
import { parseTrustedProxies, resolveClientIp } from "./trusted-proxies";

// A real server on a real socket: what a route handler would conclude from the headers it gets.
let server: http.Server;
let port: number;
let release: (() => void) | null = null;

beforeAll(async () => {
  installServerHooks();
  server = http.createServer(async (req, res) => {
    if (req.url === "/context") {
      await new Promise((r) => setTimeout(r, 5)); // across an await, as in any route handler
      res.end(JSON.stringify({ header: req.headers["x-request-id"], context: requestContext.getStore()?.reqId ?? null }));
      return;
    }
    if (req.url === "/slow") {
      release = () => res.end("done");
      return;
    }
    const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    const peer = peerAddress(headers);
    const forwarded = headers.get("x-forwarded-for");
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        peer,
        none: resolveClientIp(peer, forwarded, parseTrustedProxies(undefined)),
        loopbackProxy: resolveClientIp(peer, forwarded, parseTrustedProxies("127.0.0.1, ::1")),
        otherProxy: resolveClientIp(peer, forwarded, parseTrustedProxies("10.0.0.0/8")),
        requestId: req.headers["x-request-id"],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = async (headers: Record<string, string>) => (await fetch(`http://127.0.0.1:${port}/`, { headers })).json();

describe("the socket address stamp", () => {
  it("gives the socket address even when the client sends X-Forwarded-For", async () => {
    const seen = await ask({ "x-forwarded-for": "203.0.113.9" });
    expect(seen.peer).toBe("127.0.0.1");
    expect(seen.none).toBe("127.0.0.1");
  });

  it("cannot be forged by the client", async () => {
    const seen = await ask({ [PEER_HEADER]: "guess 203.0.113.9", "x-forwarded-for": "=2+5" });
    expect(seen.peer).toBe("127.0.0.1");
    expect(seen.none).toBe("127.0.0.1");
  });

  it("lets a trusted proxy on the socket name the client, and nobody else", async () => {
    const seen = await ask({ "x-forwarded-for": "203.0.113.9" });
    expect(seen.loopbackProxy).toBe("203.0.113.9");
    expect(seen.otherProxy).toBe("127.0.0.1");
  });

  it("is not believed on headers this process did not stamp", () => {
    expect(peerAddress(new Headers({ [PEER_HEADER]: "made-up-token 203.0.113.9" }))).toBeNull();
    expect(peerAddress(new Headers())).toBeNull();
  });
});

describe("the request id", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("keeps a caller's plain id, on the request and the response", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-request-id": "pipeline-42.retry" } });
    expect(res.headers.get("x-request-id")).toBe("pipeline-42.retry");
    expect((await res.json()).requestId).toBe("pipeline-42.retry");
  });

  it("replaces a missing or unsafe one with a fresh UUID, the same on both sides", async () => {
    for (const headers of [{}, { "x-request-id": "=HYPERLINK(1)" }, { "x-request-id": "a".repeat(65) }] as Record<string, string>[]) {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
      const given = res.headers.get("x-request-id");
      expect(given).toMatch(UUID);
      expect((await res.json()).requestId).toBe(given);
    }
  });
});

describe("requests in flight", () => {
  it("are counted, and whenIdle waits for the last one", async () => {
    await whenIdle();
    expect(requestsInFlight()).toBe(0);
    const answer = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
    await expect.poll(() => requestsInFlight()).toBe(1);
    let idle = false;
    const waited = whenIdle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(idle).toBe(false);
    release!();
    expect(await answer).toBe("done");
    await waited;
    expect(requestsInFlight()).toBe(0);
  });
});

describe("log lines written while a request is handled", () => {
  it("carry its request id: the handler runs inside the request's context", async () => {
    const seen = await (await fetch(`http://127.0.0.1:${port}/context`, { headers: { "x-request-id": "ctx-7" } })).json();
    expect(seen).toEqual({ header: "ctx-7", context: "ctx-7" });
  });

  it("go to stdout below warn and to stderr from warn on, with reqId inside a request's context", () => {
    const sink = () => {
      const lines: Record<string, unknown>[] = [];
      const stream = new Writable({
        write(chunk, _enc, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      });
      return { lines, stream };
    };
    const out = sink();
    const err = sink();
    const logger = createLogger("info", out.stream, err.stream);
    logger.debug("too fine for info");
    logger.info("outside");
    requestContext.run({ reqId: "req-1" }, () => {
      logger.info({ path: "/x" }, "inside");
      logger.error({ err: new Error("boom") }, "failed");
    });
    expect(out.lines.map((l) => [l.msg, l.reqId])).toEqual([
      ["outside", undefined],
      ["inside", "req-1"],
    ]);
    expect(err.lines).toHaveLength(1);
    expect(err.lines[0]).toMatchObject({ level: 50, msg: "failed", reqId: "req-1", err: { message: "boom" } });
  });
});
