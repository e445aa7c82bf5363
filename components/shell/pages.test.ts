import { describe, expect, it } from "vitest";
import type { Role } from "@/server/authz/scopes";
import { PAGES, matchPages, navFor, pagesFor } from "./pages";

const EVERYONE = [
  "/",
  "/catalog",
  "/catalog/segments",
  "/catalog/signals",
  "/catalog/sources",
  "/catalog/purposes",
  "/catalog/categories",
  "/reviews",
  "/lineage",
  "/lineage/datasets",
  "/consent",
  "/policies",
  "/policies/exceptions",
  "/settings",
  "/settings/password",
  "/settings/notifications",
  "/settings/api",
];

// Written out by hand (not computed from the role map), so a changed scope shows up here.
const EXTRA: Record<Role, string[]> = {
  admin: ["/audit", "/audit/verify", "/settings/users", "/settings/tokens", "/settings/webhooks"],
  steward: ["/catalog/segments/new", "/catalog/signals/new", "/catalog/sources/new"],
  privacy_officer: ["/audit", "/audit/verify"],
  marketer: ["/catalog/segments/new"],
  auditor: ["/audit", "/audit/verify", "/settings/users"],
};

describe("pagesFor", () => {
  it.each(Object.entries(EXTRA) as Array<[Role, string[]]>)("%s sees the pages everyone sees plus its own", (role, extra) => {
    expect(
      pagesFor([role])
        .map((p) => p.href)
        .sort(),
    ).toEqual([...EVERYONE, ...extra].sort());
  });

  it("several roles see the union of their pages", () => {
    const hrefs = pagesFor(["marketer", "auditor"]).map((p) => p.href);
    expect(hrefs).toEqual(expect.arrayContaining(["/catalog/segments/new", "/audit", "/settings/users"]));
    expect(hrefs).not.toContain("/settings/tokens");
  });

  it("no role sees nothing", () => {
    expect(pagesFor([])).toEqual([]);
  });

  it("lists each page once", () => {
    expect(new Set(PAGES.map((p) => p.href)).size).toBe(PAGES.length);
  });
});

describe("navFor", () => {
  it.each<[Role, string[]]>([
    ["admin", ["Dashboard", "Catalog", "Reviews", "Lineage", "Consent", "Policies", "Audit", "Settings"]],
    ["marketer", ["Dashboard", "Catalog", "Reviews", "Lineage", "Consent", "Policies", "Settings"]],
    ["auditor", ["Dashboard", "Catalog", "Reviews", "Lineage", "Consent", "Policies", "Audit", "Settings"]],
  ])("%s's main navigation", (role, labels) => {
    expect(navFor([role]).map((n) => n.label)).toEqual(labels);
  });
});

describe("matchPages", () => {
  const all = pagesFor(["admin", "steward"]);
  it.each<[string, string[]]>([
    ["", all.map((p) => p.label)],
    ["   ", all.map((p) => p.label)],
    ["users", ["Users and roles"]],
    ["USERS", ["Users and roles"]],
    ["new seg", ["New segment"]],
    ["seg", ["Segments", "New segment"]],
    ["audit", ["Audit trail", "Verify the audit trail"]],
    ["email", ["E-mail notifications"]],
    ["e-mail", ["E-mail notifications"]],
    ["token", ["API tokens"]],
    ["approvals", ["Reviews"]],
    ["zzz", []],
    ["gment", []],
  ])("%j finds %j", (query, labels) => {
    expect(matchPages(all, query).map((p) => p.label)).toEqual(labels);
  });

  it("offers only the pages it was given", () => {
    expect(matchPages(pagesFor(["marketer"]), "tokens")).toEqual([]);
  });
});
