import { describe, expect, it } from "vitest";
import { readBody, readJson } from "./body";
import { HttpError } from "./errors";
import { checkJsonContentType, checkSameOrigin } from "./guards";

const KB = 1024;

/** A body that counts what was pulled from it, endless unless `total` is given. */
function countingBody(chunk: number, total = Infinity) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        const n = Math.min(chunk, total - state.pulled);
        state.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  ); // nothing is pulled until someone reads
  return { stream, state };
}

const post = (body: ReadableStream<Uint8Array> | string | null, headers: Record<string, string> = {}) =>
  new Request("http://steward.test/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<HttpError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("body limits", () => {
  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const { stream, state } = countingBody(64 * KB);
    const err = await refusal(readBody(post(stream, { "content-length": String(100 * 1024 * KB) }), 1024 * KB));
    expect(err).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", field: "body" });
    expect(err.message).toBe("The request body is larger than 1 MB.");
    expect(state.pulled).toBe(0);
  });

  it("stops reading a chunked body (no Content-Length) at the limit", async () => {
    const { stream, state } = countingBody(16 * KB);
    const err = await refusal(readBody(post(stream), 256 * KB));
    expect(err.status).toBe(413);
    // Up to the chunk that crossed the limit; never the endless rest.
    expect(state.pulled).toBe(256 * KB + 16 * KB);
  });

  it("accepts a body just under (and exactly at) the limit", async () => {
    const { stream } = countingBody(7 * KB, 256 * KB - 1);
    expect((await readBody(post(stream), 256 * KB)).byteLength).toBe(256 * KB - 1);
    const exact = countingBody(64 * KB, 256 * KB);
    expect((await readBody(post(exact.stream, { "content-length": String(256 * KB) }), 256 * KB)).byteLength).toBe(256 * KB);
  });

  it("answers 400 for a body that is not JSON, or not UTF-8", async () => {
    expect(await refusal(readJson(post("{nope"), KB))).toMatchObject({ status: 400, field: "body" });
    expect(await refusal(readJson(post(new Blob([new Uint8Array([0x22, 0xc0, 0xaf, 0x22])]).stream()), KB))).toMatchObject({ status: 400 });
  });

  it("refuses a Content-Length that is not a number", async () => {
    expect(await refusal(readBody(post("{}", { "content-length": "-1" }), KB))).toMatchObject({ status: 400, field: "content-length" });
  });
});

describe("cross-site requests", () => {
  const h = (headers: Record<string, string>) => new Headers(headers);
  const APP = "https://steward.example.com";

  it("lets Steward's own pages through, and requests from no browser at all (curl, pipelines)", () => {
    expect(() => checkSameOrigin(h({ origin: APP }), APP)).not.toThrow();
    expect(() => checkSameOrigin(h({ "sec-fetch-site": "same-origin" }), APP)).not.toThrow();
    expect(() => checkSameOrigin(h({}), APP)).not.toThrow();
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["another port of the same host (same-site, not same-origin)", { origin: "https://steward.example.com:8443" }],
    ["http instead of https", { origin: "http://steward.example.com" }],
    ["an opaque origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["a same-site page without Origin", { "sec-fetch-site": "same-site" }],
    ["a cross-site page without Origin", { "sec-fetch-site": "cross-site" }],
  ])("refuses %s with a 403", (_, headers) => {
    expect(() => checkSameOrigin(h(headers), APP)).toThrow(expect.objectContaining({ status: 403, code: "FORBIDDEN" }));
  });

  it("compares with the Host the browser addressed when NEXTAUTH_URL is not set", () => {
    expect(() => checkSameOrigin(h({ origin: "http://localhost:3000", host: "localhost:3000" }), null)).not.toThrow();
    expect(() => checkSameOrigin(h({ origin: "http://localhost:3001", host: "localhost:3000" }), null)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => checkSameOrigin(h({ origin: "http://localhost:3000" }), null)).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe("content types of state-changing requests", () => {
  it("accepts JSON, and no content type only without a body", () => {
    expect(() => checkJsonContentType(new Headers({ "content-type": "application/json; charset=utf-8" }), true)).not.toThrow();
    expect(() => checkJsonContentType(new Headers({}), false)).not.toThrow();
  });

  it.each(["multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain", "application/jsonp"])("refuses %s with a 415", (type) => {
    expect(() => checkJsonContentType(new Headers({ "content-type": type }), true)).toThrow(expect.objectContaining({ status: 415, field: "content-type" }));
  });

  it("refuses a body without a content type", () => {
    expect(() => checkJsonContentType(new Headers({}), true)).toThrow(expect.objectContaining({ status: 415 }));
  });
});
