import { describe, expect, it } from "vitest";
import { EnvError, logLevelOf, parseEnv } from "./env";

describe("server settings", () => {
  it("has working defaults for a first run", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      databaseUrl: null,
      appOrigin: null,
      checkpointKey: null,
      jobsDisabled: false,
      sessionIdleMinutes: 480,
      oidc: null,
      maxBodyBytes: 1024 * 1024,
      lineageMaxBodyBytes: 16 * 1024 * 1024,
      logLevel: "info",
      shutdownTimeoutMs: 20_000,
    });
  });

  it("reads the log level and the shutdown timeout, and refuses wrong ones", () => {
    expect(parseEnv({ STEWARD_LOG_LEVEL: "warn", STEWARD_SHUTDOWN_TIMEOUT: "5" })).toMatchObject({ logLevel: "warn", shutdownTimeoutMs: 5_000 });
    expect(parseEnv({ STEWARD_SHUTDOWN_TIMEOUT: "0" }).shutdownTimeoutMs).toBe(0);
    expect(() => parseEnv({ STEWARD_LOG_LEVEL: "loud" })).toThrow(/STEWARD_LOG_LEVEL: must be one of fatal, error, warn, info/);
    expect(() => parseEnv({ STEWARD_SHUTDOWN_TIMEOUT: "20s" })).toThrow(/STEWARD_SHUTDOWN_TIMEOUT: must be a whole number of seconds/);
    expect(() => parseEnv({ STEWARD_SHUTDOWN_TIMEOUT: "7200" })).toThrow(/STEWARD_SHUTDOWN_TIMEOUT: must be at most 3600/);
  });

  it("takes the log level without throwing, for the logger that must exist before the settings are checked", () => {
    expect(logLevelOf({ STEWARD_LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevelOf({ STEWARD_LOG_LEVEL: "loud" })).toBe("info");
    expect(logLevelOf({})).toBe("info");
  });

  it("reads sizes with units, the app's origin from NEXTAUTH_URL, and empty values as unset", () => {
    const env = parseEnv({ STEWARD_MAX_BODY_BYTES: "512kb", STEWARD_LINEAGE_MAX_BODY_BYTES: "32MB", NEXTAUTH_URL: "https://steward.example.com/app/", DATABASE_URL: "" });
    expect(env).toMatchObject({ maxBodyBytes: 512 * 1024, lineageMaxBodyBytes: 32 * 1024 * 1024, appOrigin: "https://steward.example.com", databaseUrl: null });
  });

  it("refuses wrong values at once, naming every variable", () => {
    let err: unknown;
    try {
      parseEnv({ STEWARD_MAX_BODY_BYTES: "lots", NEXTAUTH_URL: "steward.example.com", STEWARD_AUDIT_CHECKPOINT_KEY: "short", DATABASE_URL: "mysql://x", OIDC_ISSUER: "https://idp.test" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    const text = (err as EnvError).message;
    for (const name of ["STEWARD_MAX_BODY_BYTES", "NEXTAUTH_URL", "STEWARD_AUDIT_CHECKPOINT_KEY", "DATABASE_URL", "OIDC_CLIENT_ID"]) expect(text).toContain(name);
    expect((err as EnvError).problems).toHaveLength(5);
  });
});
