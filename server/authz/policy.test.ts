import { describe, expect, it } from "vitest";
import { decide, hasScope, scopesOf } from "./policy";
import { readFileSync } from "node:fs";
import { ROLE_SCOPE_TABLE, TABLE_COLUMNS, tableGrants } from "@/server/testing/role-scope-table";
import { ROLES, ROLE_SCOPES, SCOPES, SCOPE_DESCRIPTIONS, type Role, type Scope } from "./scopes";

const cases: Array<[Role[], Scope, boolean]> = [
  [["admin"], "user:manage", true],
  [["admin"], "purpose:manage", false],
  [["steward"], "user:manage", false],
  [["steward"], "purpose:read", true],
  [["privacy_officer"], "purpose:manage", true],
  [["privacy_officer"], "category:manage", true],
  [["privacy_officer"], "user:manage", false],
  [["marketer"], "audit:read", false],
  [["marketer"], "purpose:manage", false],
  [["marketer"], "dashboard:read", true],
  [["auditor"], "audit:read", true],
  [["auditor"], "user:read", true],
  [["auditor"], "user:manage", false],
  [["auditor"], "purpose:manage", false],
  [["marketer", "privacy_officer"], "purpose:manage", true],
  [["marketer", "auditor"], "audit:read", true],
  [["auditor"], "audit:export", true],
  [["auditor"], "audit:verify", true],
  [["privacy_officer"], "audit:export", true],
  [["admin"], "audit:export", false],
  [["admin"], "audit:verify", true],
  [["steward"], "audit:verify", false],
  [[], "profile:read", false],
];

describe("decide", () => {
  it.each(cases)("roles %j, scope %s → allowed %s", (roles, scope, expected) => {
    expect(decide(roles, scope).allowed).toBe(expected);
    expect(hasScope(roles, scope)).toBe(expected);
  });

  it("names the missing permission in words when it denies", () => {
    const d = decide(["marketer"], "user:manage");
    expect(d).toMatchObject({ allowed: false, missing: "user:manage" });
    if (!d.allowed) expect(d.reason).toContain('"user:manage"');
  });

  it("unions the scopes of several roles", () => {
    expect(scopesOf(["admin", "privacy_officer"]).has("purpose:manage")).toBe(true);
    expect(scopesOf(["admin", "privacy_officer"]).has("user:manage")).toBe(true);
  });
});

describe("the role map", () => {
  it("gives every role only known scopes, and every role its own account", () => {
    for (const role of ROLES) {
      for (const scope of ROLE_SCOPES[role]) expect(SCOPES).toContain(scope);
      expect(ROLE_SCOPES[role]).toContain("profile:read");
      expect(ROLE_SCOPES[role]).toContain("profile:edit");
    }
  });

  it("gives auditors no scope that changes anything", () => {
    // Exporting and verifying the audit trail, and taking evidence packs, read; they change no domain data.
    // profile:edit changes only the person's own password and e-mail settings, not the catalog or anyone else's.
    const readOnly = new Set<Scope>(["audit:export", "audit:verify", "evidence:export", "profile:edit"]);
    const writes = ROLE_SCOPES.auditor.filter((s) => !/:read$/.test(s) && !readOnly.has(s));
    expect(writes).toEqual([]);
  });

  it("describes every scope, and every scope is held by some role", () => {
    for (const scope of SCOPES) {
      expect(SCOPE_DESCRIPTIONS[scope].length).toBeGreaterThan(0);
      expect(ROLES.some((r) => ROLE_SCOPES[r].includes(scope))).toBe(true);
    }
  });
});

describe("the golden role × scope table", () => {
  it("lists every scope once and every role as a column", () => {
    expect(Object.keys(ROLE_SCOPE_TABLE).sort()).toEqual([...SCOPES].sort());
    expect([...TABLE_COLUMNS].sort()).toEqual([...ROLES].sort());
  });

  it.each(SCOPES.flatMap((scope) => ROLES.map((role) => [role, scope] as const)))("%s × %s is as written", (role, scope) => {
    expect(hasScope([role], scope)).toBe(tableGrants(role, scope));
  });

  it("is the table in the README's Roles section", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const rows = Object.fromEntries(
      [...readme.matchAll(/^\| `([a-z_]+:[a-z_]+)` *\|(.*)\|\s*$/gm)].map((m) => [
        m[1]!,
        m[2]!
          .split("|")
          .map((c) => c.trim())
          .join(" "),
      ]),
    );
    expect(rows).toEqual(ROLE_SCOPE_TABLE);
  });
});
