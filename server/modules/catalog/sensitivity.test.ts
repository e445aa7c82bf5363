import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/errors";
import { deriveSensitivity, effectiveSensitivity, raisedByOverride } from "./sensitivity";

describe("segment sensitivity rules", () => {
  it("derives the highest input, public when there is none", () => {
    expect(deriveSensitivity([])).toBe("public");
    expect(deriveSensitivity(["internal", "restricted", "confidential"])).toBe("restricted");
  });

  it("on save, an override may raise the derived value but never lower it", () => {
    expect(effectiveSensitivity("internal", null)).toBe("internal");
    expect(effectiveSensitivity("internal", "confidential")).toBe("confidential");
    expect(effectiveSensitivity("internal", "internal")).toBe("internal");
    expect(() => effectiveSensitivity("confidential", "internal")).toThrow(DomainError);
    expect(() => effectiveSensitivity("confidential", "internal")).toThrow(/cannot be lower than confidential/);
  });

  it("when inputs change under a saved segment, an override now too low gives way to the inputs", () => {
    expect(raisedByOverride("restricted", "confidential")).toBe("restricted");
    expect(raisedByOverride("internal", "confidential")).toBe("confidential");
    expect(raisedByOverride("internal", null)).toBe("internal");
  });
});
