import { expect, it } from "vitest";
import { isUndecodablePath } from "./path";

it("tells undecodable paths from ordinary ones", () => {
  expect(isUndecodablePath("/api/audit/exports/%C0%AF")).toBe(true);
  expect(isUndecodablePath("/catalog/segments/%ZZ")).toBe(true);
  expect(isUndecodablePath("/catalog/segments/a%20b")).toBe(false);
  expect(isUndecodablePath("/catalog/segments/%E2%9C%93")).toBe(false);
});
