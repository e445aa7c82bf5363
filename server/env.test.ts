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
      db: { pool: 10, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 15_000, connectTimeoutMs: 5_000 },
      admission: { maxConcurrent: 40, maxQueued: 100, queueTimeoutMs: 10_000, maxConcurrentExports: 2, exportIdleTimeoutMs: 30_000 },
      logLevel: "info",
      shutdownTimeoutMs: 20_000,
      mail: null,
      decisionLogDays: 90,
    });
  });

  it("keeps the gate's denials for STEWARD_DECISION_LOG_DAYS days, from 1 to 3650", () => {
    expect(parseEnv({ STEWARD_DECISION_LOG_DAYS: "30" }).decisionLogDays).toBe(30);
    expect(parseEnv({ STEWARD_DECISION_LOG_DAYS: "" }).decisionLogDays).toBe(90);
    expect(() => parseEnv({ STEWARD_DECISION_LOG_DAYS: "0" })).toThrow(/STEWARD_DECISION_LOG_DAYS: must be from 1 to 3650/);
    expect(() => parseEnv({ STEWARD_DECISION_LOG_DAYS: "90d" })).toThrow(/STEWARD_DECISION_LOG_DAYS: must be a whole number/);
  });

  it("reads pool and timeout settings with units; the request limit follows the pool unless set", () => {
    expect(parseEnv({ STEWARD_DB_POOL: "20", STEWARD_DB_STATEMENT_TIMEOUT: "2m", STEWARD_QUEUE_TIMEOUT: "500ms", STEWARD_DB_CONNECT_TIMEOUT: "3000" })).toMatchObject({
      db: { pool: 20, statementTimeoutMs: 120_000, connectTimeoutMs: 3_000 },
      admission: { maxConcurrent: 80, queueTimeoutMs: 500 },
    });
    expect(parseEnv({ STEWARD_DB_POOL: "20", STEWARD_MAX_CONCURRENT_REQUESTS: "30" }).admission.maxConcurrent).toBe(30);
    // Unset: the pool's own default (server/db/statement-cache.ts); 0 turns prepared statements off.
    expect(parseEnv({}).db.statementCache).toBeUndefined();
    expect(parseEnv({ STEWARD_DB_STATEMENT_CACHE: "0" }).db.statementCache).toBe(0);
    expect(parseEnv({ STEWARD_DB_STATEMENT_CACHE: "2000" }).db.statementCache).toBe(2000);
    expect(() => parseEnv({ STEWARD_DB_STATEMENT_CACHE: "lots" })).toThrow(/STEWARD_DB_STATEMENT_CACHE: must be a whole number/);
    expect(() => parseEnv({ STEWARD_DB_POOL: "0", STEWARD_DB_STATEMENT_TIMEOUT: "soon", STEWARD_MAX_CONCURRENT_EXPORTS: "-1" })).toThrow(
      /STEWARD_DB_POOL: must be from 1 to 1000[\s\S]*STEWARD_DB_STATEMENT_TIMEOUT: must be a duration[\s\S]*STEWARD_MAX_CONCURRENT_EXPORTS: must be a whole number/,
    );
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

  it("turns e-mail on with an SMTP URL and a sender; links start at NEXTAUTH_URL, else the local port", () => {
    expect(
      parseEnv({ STEWARD_SMTP_URL: "smtps://u:p@mail.example.com:465", STEWARD_MAIL_FROM: "Steward <steward@example.com>", NEXTAUTH_URL: "https://steward.example.com/app/" }).mail,
    ).toEqual({
      smtpUrl: "smtps://u:p@mail.example.com:465",
      from: "Steward <steward@example.com>",
      baseUrl: "https://steward.example.com/app",
    });
    expect(parseEnv({ STEWARD_SMTP_URL: "smtp://127.0.0.1:2525", STEWARD_MAIL_FROM: "steward@example.com", PORT: "4000" }).mail?.baseUrl).toBe("http://localhost:4000");
  });

  it("refuses an SMTP URL without a sender, a non-SMTP URL and a sender that is not an address", () => {
    expect(() => parseEnv({ STEWARD_SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/STEWARD_MAIL_FROM: must be set/);
    expect(() => parseEnv({ STEWARD_SMTP_URL: "http://mail.example.com", STEWARD_MAIL_FROM: "a@b.c" })).toThrow(/STEWARD_SMTP_URL: must be an smtp/);
    expect(() => parseEnv({ STEWARD_SMTP_URL: "smtp://mail.example.com", STEWARD_MAIL_FROM: "Steward" })).toThrow(/STEWARD_MAIL_FROM: must be an address/);
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
