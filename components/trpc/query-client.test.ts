import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { makeQueryClient, retryDelay, shouldRetry } from "./query-client";

const clientError = (httpStatus: number) => Object.assign(new Error("answer"), { data: { httpStatus } });

describe("query retries", () => {
  it.each([
    { case: "a 404 in the browser", failures: 0, error: clientError(404), onServer: false, retry: false },
    { case: "a 403 in the browser", failures: 0, error: clientError(403), onServer: false, retry: false },
    { case: "a 500 in the browser, first failure", failures: 0, error: clientError(500), onServer: false, retry: true },
    { case: "a 500 in the browser, third failure", failures: 2, error: clientError(500), onServer: false, retry: false },
    { case: "a network failure in the browser", failures: 1, error: new TypeError("Failed to fetch"), onServer: false, retry: true },
    { case: "a server prefetch's failure, redacted for the browser", failures: 0, error: new Error("redacted"), onServer: false, retry: true },
    { case: "any failure on the server", failures: 0, error: new TRPCError({ code: "INTERNAL_SERVER_ERROR" }), onServer: true, retry: false },
  ])("$case: retry $retry", ({ failures, error, onServer, retry }) => {
    expect(shouldRetry(failures, error, onServer)).toBe(retry);
  });

  it("asks again at once for a server prefetch's failure, and otherwise backs off", () => {
    expect(retryDelay(0, new Error("redacted"))).toBe(0);
    expect(retryDelay(0, clientError(500))).toBe(1000);
    expect(retryDelay(1, clientError(500))).toBe(2000);
    expect(retryDelay(1, new Error("redacted"))).toBe(2000);
  });

  it("a prefetch that fails on the server fails at once, without retries", async () => {
    const client = makeQueryClient();
    let calls = 0;
    await client.prefetchQuery({
      queryKey: ["lineage", "unknown node"],
      queryFn: () => {
        calls++;
        throw new TRPCError({ code: "NOT_FOUND", message: "node: no lineage is recorded for dataset:x/y" });
      },
    });
    expect(calls).toBe(1);
    expect(client.getQueryState(["lineage", "unknown node"])?.status).toBe("error");
  });
});
