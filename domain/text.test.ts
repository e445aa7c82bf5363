import { describe, expect, it } from "vitest";
import { boundedDate, boundedIsoDate, wholeNumber } from "./bounds";
import { NUL_MESSAGE, SURROGATE_MESSAGE, textField, textProblem } from "./text";

describe("text rules", () => {
  it("refuses NUL and lone surrogates, accepts paired ones", () => {
    expect(textProblem("nul\u0000byte")).toBe(NUL_MESSAGE);
    expect(textProblem("\ud800")).toBe(SURROGATE_MESSAGE);
    expect(textProblem("x\udfffy")).toBe(SURROGATE_MESSAGE);
    expect(textProblem("emoji 😀 and ü")).toBeNull();
  });

  it("textField trims, caps and carries the rules on the field", () => {
    const name = textField(5).min(1, "Enter a name.");
    expect(name.parse("  abc  ")).toBe("abc");
    expect(name.safeParse("abcdef").error?.issues[0]?.message).toBe("Use at most 5 characters.");
    expect(name.safeParse("a\u0000").error?.issues[0]?.message).toBe(NUL_MESSAGE);
    expect(textField(5, { trim: false }).parse(" a ")).toBe(" a ");
  });
});

describe("bounds", () => {
  it("whole numbers stop at int4", () => {
    expect(wholeNumber(1).safeParse(99999999999).success).toBe(false);
    expect(wholeNumber(1).safeParse(2_147_483_647).success).toBe(true);
    expect(wholeNumber(1, 10).safeParse(1.5).success).toBe(false);
  });

  it("dates stay within 1900–9999", () => {
    expect(boundedDate().safeParse("0000-01-01").success).toBe(false);
    expect(boundedDate().safeParse("-271821-04-20").success).toBe(false);
    expect(boundedDate().safeParse("2026-11-29").success).toBe(true);
    expect(boundedIsoDate().safeParse("0000-01-01").success).toBe(false);
    expect(boundedIsoDate().safeParse("2026-11-29").success).toBe(true);
  });
});
