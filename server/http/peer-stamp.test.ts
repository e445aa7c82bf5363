import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerStamp, PEER_HEADER, peerAddress } from "./peer-stamp";
import { parseTrustedProxies, resolveClientIp } from "./trusted-proxies";

// A real server on a real socket: what a route handler would conclude from the headers it gets.
let server: http.Server;
let port: number;

beforeAll(async () => {
  installPeerStamp();
  server = http.createServer((req, res) => {
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
