import { describe, expect, it } from "vitest";
import { parseAddress, parseTrustedProxies, peerIsTrusted, resolveClientIp } from "./trusted-proxies";

const none = parseTrustedProxies(undefined);
const oneHop = parseTrustedProxies("1");
const twoHops = parseTrustedProxies("2");
const lan = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

describe("STEWARD_TRUSTED_PROXIES", () => {
  it("defaults to trusting no proxy", () => {
    expect(none).toEqual({ kind: "none" });
    expect(parseTrustedProxies("")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
  });

  it("takes a hop count or a list of addresses and CIDR ranges", () => {
    expect(oneHop).toEqual({ kind: "hops", hops: 1 });
    expect(lan).toMatchObject({ kind: "cidrs", ranges: ["10.0.0.0/8", "127.0.0.1/32", "fd00::/8"] });
  });

  it.each([
    ["10.0.0.0/33", /prefix length must be 0–32/],
    ["proxy.internal", /"proxy.internal" is not an IP address/],
    ["11", /at most 10 hops/],
    ["10.0.0.0/8/1", /not an IP address/],
  ])("refuses %s with a message naming the setting", (value, message) => {
    expect(() => parseTrustedProxies(value)).toThrow(/^STEWARD_TRUSTED_PROXIES: /);
    expect(() => parseTrustedProxies(value)).toThrow(message);
  });
});

describe("the client address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    // A fresh header value per attempt must not give a fresh address to the sign-in limit.
    for (const forged of ["203.0.113.7", "198.51.100.1, 203.0.113.8", "=2+5", "::1"]) {
      expect(resolveClientIp("192.0.2.10", forged, none)).toBe("192.0.2.10");
    }
  });

  it("is normalised from an IPv4-mapped socket address", () => {
    expect(resolveClientIp("::ffff:127.0.0.1", null, none)).toBe("127.0.0.1");
  });

  it("behind N trusted hops, is the address the outermost trusted proxy saw", () => {
    // The client forged the first entry; the one proxy appended the real address.
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 203.0.113.9", oneHop)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2", twoHops)).toBe("203.0.113.9");
    // A proxy that forwarded nothing: the peer is all we know.
    expect(resolveClientIp("10.0.0.2", null, oneHop)).toBe("10.0.0.2");
  });

  it("behind trusted ranges, skips trusted hops from the right and stops at the first other address", () => {
    expect(resolveClientIp("10.1.1.1", "6.6.6.6, 203.0.113.9, 10.2.2.2", lan)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:127.0.0.1", "203.0.113.9", lan)).toBe("203.0.113.9");
  });

  it("ignores X-Forwarded-For from a peer outside the trusted ranges", () => {
    expect(resolveClientIp("198.51.100.20", "203.0.113.9", lan)).toBe("198.51.100.20");
  });

  it("never returns text that is not an IP address, even from a trusted proxy", () => {
    expect(resolveClientIp("10.0.0.2", "=2+5", oneHop)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", "=2+5, 10.0.0.9", lan)).toBe("10.0.0.9");
    expect(resolveClientIp("10.0.0.2", "<script>", lan)).toBe("10.0.0.2");
  });

  it("is null without a socket address and without trusted proxies", () => {
    expect(resolveClientIp(null, "203.0.113.9", none)).toBeNull();
  });
});

describe("addresses", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["203.0.113.9:443", "203.0.113.9"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["=2+5", null],
    ["", null],
    ["1.2.3.4.5", null],
  ])("%s → %s", (raw, parsed) => expect(parseAddress(raw)).toBe(parsed));

  it("a peer is trusted only inside the ranges, or always for a hop count", () => {
    expect(peerIsTrusted("10.9.9.9", lan)).toBe(true);
    expect(peerIsTrusted("11.0.0.1", lan)).toBe(false);
    expect(peerIsTrusted(null, lan)).toBe(false);
    expect(peerIsTrusted("11.0.0.1", oneHop)).toBe(true);
    expect(peerIsTrusted("10.9.9.9", none)).toBe(false);
  });
});
