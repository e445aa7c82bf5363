import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { checkUrlShape, checkWebhookUrl, isPrivateAddress } from "./ssrf";
import { postWebhook } from "./transport";

describe("webhook SSRF guard", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["0.0.0.0", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["::1", true],
    ["::", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:169.254.169.254", true],
    ["fe80::1", true],
    ["fc00::1", true],
    ["fd12:3456::1", true],
    ["ff02::1", true],
    ["not-an-address", true],
    ["8.8.8.8", false],
    ["172.32.0.1", false],
    ["93.184.216.34", false],
    ["2606:4700:4700::1111", false],
  ])("%s is private: %s", (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  it.each([
    ["http://127.0.0.1/hook", /127\.0\.0\.1 is a loopback, private or link-local address/],
    ["http://[::1]:8080/hook", /::1 is a loopback/],
    ["http://[::ffff:127.0.0.1]/hook", /is a loopback/],
    ["http://0.0.0.0/", /0\.0\.0\.0 is a loopback/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is a loopback/],
    ["http://2130706433/", /127\.0\.0\.1 is a loopback/], // decimal form of 127.0.0.1
    ["http://0x7f.1/", /127\.0\.0\.1 is a loopback/],
    ["http://10.0.0.5/", /10\.0\.0\.5 is a loopback/],
    ["http://[fe80::1]/", /fe80::1 is a loopback/],
    ["ftp://example.com/", /Only http:\/\/ and https:\/\//],
    ["file:///etc/passwd", /Only http:\/\/ and https:\/\//],
    ["http://user:pw@example.com/", /no user name or password/],
    ["example.com/hook", /full http/],
  ])("refuses %s at registration", (url, message) => {
    expect(() => checkUrlShape(url, false)).toThrow(message);
  });

  it("refuses a name that resolves to loopback, and allows it when private targets are allowed", async () => {
    await expect(checkWebhookUrl("http://localhost:8080/hook", false)).rejects.toThrow(/localhost resolves to .* is a loopback/);
    await expect(checkWebhookUrl("http://localhost:8080/hook", true)).resolves.toBeInstanceOf(URL);
    expect(checkUrlShape("http://127.0.0.1/hook", true).hostname).toBe("127.0.0.1");
  });

  it("refuses at delivery time too: the socket's own lookup checks the address it connects to", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      await expect(postWebhook(`http://localhost:${port}/`, {}, "{}", { timeoutMs: 2_000, allowPrivate: false })).rejects.toThrow(/resolves to .* is a loopback/);
      await expect(postWebhook(`http://127.0.0.1:${port}/`, {}, "{}", { timeoutMs: 2_000, allowPrivate: false })).rejects.toThrow(/is a loopback/);
      expect(hits).toBe(0);
      await expect(postWebhook(`http://localhost:${port}/`, {}, "{}", { timeoutMs: 2_000, allowPrivate: true })).resolves.toEqual({ statusCode: 200 });
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
