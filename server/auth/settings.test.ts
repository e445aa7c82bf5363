import { describe, expect, it } from "vitest";
import { oidcSettings, rolesFromClaims, sessionIdleMinutes } from "./settings";

describe("oidcSettings", () => {
  it("is off without an issuer", () => {
    expect(oidcSettings({})).toBeNull();
  });

  it("requires the client id and secret with an issuer", () => {
    expect(() => oidcSettings({ OIDC_ISSUER: "https://idp.test" })).toThrow(/OIDC_CLIENT_ID/);
  });

  it("parses the role map and rejects unknown roles", () => {
    const s = oidcSettings({ OIDC_ISSUER: "https://idp.test/", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", OIDC_ROLE_MAP: "g1=admin, g2=steward|auditor" })!;
    expect(s.issuer).toBe("https://idp.test");
    expect(s.roleMap).toEqual({ g1: ["admin"], g2: ["steward", "auditor"] });
    expect(s.defaultRoles).toEqual(["marketer"]);
    expect(() => oidcSettings({ OIDC_ISSUER: "x", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", OIDC_ROLE_MAP: "g=boss" })).toThrow(/"boss" is not a role/);
    expect(() => oidcSettings({ OIDC_ISSUER: "x", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", OIDC_ROLE_MAP: "nonsense" })).toThrow(/claim-value=role/);
  });

  it("allows no default role", () => {
    expect(oidcSettings({ OIDC_ISSUER: "x", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", OIDC_DEFAULT_ROLE: "" })!.defaultRoles).toEqual([]);
  });
});

describe("rolesFromClaims", () => {
  const s = oidcSettings({ OIDC_ISSUER: "x", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", OIDC_ROLE_MAP: "g1=admin,g2=steward", OIDC_ROLES_CLAIM: "roles" })!;
  it.each([
    [{ roles: ["g1", "g2"] }, ["admin", "steward"]],
    [{ roles: "g2 g1" }, ["steward", "admin"]],
    [{ roles: ["other"] }, ["marketer"]],
    [{}, ["marketer"]],
  ])("%j → %j", (claims, roles) => {
    expect(rolesFromClaims(s, claims)).toEqual(roles);
  });
});

describe("sessionIdleMinutes", () => {
  it("defaults to and never exceeds 8 hours", () => {
    expect(sessionIdleMinutes({})).toBe(480);
    expect(sessionIdleMinutes({ STEWARD_SESSION_IDLE_MINUTES: "30" })).toBe(30);
    expect(sessionIdleMinutes({ STEWARD_SESSION_IDLE_MINUTES: "9999" })).toBe(480);
    expect(sessionIdleMinutes({ STEWARD_SESSION_IDLE_MINUTES: "junk" })).toBe(480);
  });
});
