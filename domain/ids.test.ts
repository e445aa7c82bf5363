import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isUuid } from "./ids";

describe("isUuid", () => {
  const samples = [
    "3f2a8c1e-5b7d-4e9f-a1c3-0d2b4f6e8a9c",
    "3F2A8C1E-5B7D-4E9F-A1C3-0D2B4F6E8A9C",
    "00000000-0000-0000-0000-000000000000",
    "00000000-0000-4000-8000-000000000001",
    "01234567-89ab-cdef-0123-456789abcdef",
    "3f2a8c1e-5b7d-4e9f-a1c3-0d2b4f6e8a9",
    "3f2a8c1e5b7d4e9fa1c30d2b4f6e8a9c",
    "not-a-uuid",
    "",
    " 3f2a8c1e-5b7d-4e9f-a1c3-0d2b4f6e8a9c",
  ];

  it("accepts exactly what the server's z.uuid() accepts", () => {
    for (const s of samples) expect(isUuid(s), s).toBe(z.uuid().safeParse(s).success);
  });

  it("accepts a random id and refuses missing or malformed ones", () => {
    expect(isUuid(crypto.randomUUID())).toBe(true);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(null)).toBe(false);
    expect(isUuid("segment:3f2a8c1e-5b7d-4e9f-a1c3-0d2b4f6e8a9c")).toBe(false);
  });
});
