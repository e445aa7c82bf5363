import { describe, expect, it } from "vitest";
import { requestIdOf } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const idFor = (value?: string) => requestIdOf(new Headers(value === undefined ? {} : { "x-request-id": value }));

describe("request ids", () => {
  it("keeps a short, plain id a pipeline or proxy sent", () => {
    expect(idFor("3f2c9a1e-7b7d-4c1e-9a55-0c4f2b6f9d10")).toBe("3f2c9a1e-7b7d-4c1e-9a55-0c4f2b6f9d10");
    expect(idFor("airflow:nightly_rfm.42")).toBe("airflow:nightly_rfm.42");
  });

  it.each([
    ["a formula", "=2+5"],
    ["markup", "<img src=x onerror=alert(1)>"],
    ["spaces and quotes", 'a "b" c'],
    ["an over-long id", "a".repeat(65)],
    ["non-ASCII", "idé"],
  ])("replaces %s with a fresh UUID", (_what, value) => {
    expect(idFor(value)).toMatch(UUID);
  });

  it("makes one up when there is none", () => {
    expect(idFor()).toMatch(UUID);
    expect(idFor()).not.toBe(idFor());
  });
});
