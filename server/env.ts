/**
 * The server's settings, read from the environment once and checked with zod, so that a wrong
 * value stops the server at start-up with a message naming the variable (README, "Configuration"),
 * instead of failing on the first request that reads it. Server code reads `serverEnv()`, never
 * `process.env` directly; tests and scripts may parse another environment with `parseEnv`.
 */
import { z } from "zod";
import { oidcSettings, sessionIdleMinutes, type OidcSettings } from "@/server/auth/settings";

const MB = 1024 * 1024;
/** How long a stopping server lets requests in flight finish (README, "Deploying"). */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 20;
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The log level alone, never throwing: the logger exists before the settings are checked, so that
 * a wrong setting can be logged; a wrong level falls back to `info` here and stops the server in
 * `serverEnv()` like any other wrong value.
 */
export function logLevelOf(env: Record<string, string | undefined>): LogLevel {
  const given = env.STEWARD_LOG_LEVEL?.trim();
  return (LOG_LEVELS as readonly string[]).includes(given ?? "") ? (given as LogLevel) : "info";
}
/** Days the activation gate's denials are kept (README, "Configuration"). */
export const DEFAULT_DECISION_LOG_DAYS = 90;
export const DEFAULT_MAX_BODY_BYTES = 1 * MB;
/** OpenLineage events carry open-ended facets; column-level lineage of a wide table runs to megabytes. */
export const DEFAULT_LINEAGE_MAX_BODY_BYTES = 16 * MB;

/** Unset and empty are the same (an empty `FOO=` line in a service file means "not set"). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** A byte count: `1048576`, or with a unit: `512kb`, `1mb`, `16MB`. */
const byteSize = (fallback: number) =>
  optional(
    z
      .string()
      .regex(/^\d+\s*(b|kb|mb)?$/i, "must be a number of bytes, optionally with kb or mb (e.g. 1mb)")
      .transform((s) => {
        const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(s)!;
        return Number(m[1]) * { b: 1, kb: 1024, mb: MB }[(m[2] ?? "b").toLowerCase() as "b" | "kb" | "mb"];
      })
      .refine((n) => n >= 1024 && n <= 1024 * MB, "must be from 1kb to 1024mb"),
  ).transform((n) => n ?? fallback);

/** A duration: `30s`, `500ms`, `2m`, or a bare number of milliseconds. */
const duration = (fallbackMs: number, min: number, max: number) =>
  optional(
    z
      .string()
      .regex(/^\d+\s*(ms|s|m)?$/i, "must be a duration: a number of milliseconds, or with ms, s or m (e.g. 30s)")
      .transform((s) => {
        const m = /^(\d+)\s*(ms|s|m)?$/i.exec(s)!;
        return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? "ms").toLowerCase() as "ms" | "s" | "m"];
      })
      .refine((n) => n >= min && n <= max, `must be from ${min / 1000}s to ${max / 1000}s`),
  ).transform((n) => n ?? fallbackMs);

/** A whole number within bounds; undefined when unset (the caller's default may depend on another setting). */
const count = (min: number, max: number) =>
  optional(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be from ${min} to ${max}`),
  );

const envSchema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")),
  STEWARD_DATA_DIR: optional(z.string()),
  NEXTAUTH_URL: optional(z.url({ protocol: /^https?$/, error: "must be the http(s) address users reach Steward at" })),
  NEXTAUTH_SECRET: optional(z.string()),
  STEWARD_DISABLE_JOBS: optional(z.enum(["0", "1"], { error: "must be 1 (or 0, the default)" })),
  STEWARD_JOBS_START_DELAY_SECONDS: optional(
    z
      .string()
      .regex(/^\d{1,4}$/, "must be a whole number of seconds (0 to 3600)")
      .transform(Number),
  )
    .refine((n) => n === undefined || n <= 3600, "must be a whole number of seconds (0 to 3600)")
    .transform((n) => n ?? 30),
  STEWARD_AUDIT_CHECKPOINT_KEY: optional(z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)")),
  STEWARD_MAX_BODY_BYTES: byteSize(DEFAULT_MAX_BODY_BYTES),
  STEWARD_LINEAGE_MAX_BODY_BYTES: byteSize(DEFAULT_LINEAGE_MAX_BODY_BYTES),
  STEWARD_DB_POOL: count(1, 1000),
  STEWARD_DB_STATEMENT_TIMEOUT: duration(30_000, 1000, 3_600_000),
  STEWARD_DB_IDLE_IN_TRANSACTION_TIMEOUT: duration(15_000, 1000, 3_600_000),
  STEWARD_DB_CONNECT_TIMEOUT: duration(5_000, 1000, 120_000),
  STEWARD_DB_STATEMENT_CACHE: count(0, 100_000),
  STEWARD_MAX_CONCURRENT_REQUESTS: count(1, 10_000),
  STEWARD_MAX_QUEUED_REQUESTS: count(0, 100_000),
  STEWARD_QUEUE_TIMEOUT: duration(10_000, 100, 600_000),
  STEWARD_MAX_CONCURRENT_EXPORTS: count(1, 100),
  STEWARD_EXPORT_IDLE_TIMEOUT: duration(30_000, 1000, 3_600_000),
  STEWARD_LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })).transform((l) => l ?? "info"),
  STEWARD_SHUTDOWN_TIMEOUT: optional(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of seconds (e.g. 20)")
      .transform(Number)
      .refine((n) => n <= 3600, "must be at most 3600 seconds"),
  ).transform((n) => n ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS),
  STEWARD_SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL (e.g. smtps://user:password@mail.example.com:465)" })),
  STEWARD_DECISION_LOG_DAYS: count(1, 3650),
  STEWARD_MAIL_FROM: optional(z.string().regex(/^(?:[^<>@\s][^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, optionally with a name: Steward <steward@example.com>")),
});

/** How the PostgreSQL pool connects and bounds each connection's work (README, "Under load"). */
export interface DbSettings {
  pool: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  connectTimeoutMs: number;
  /** Distinct statements kept prepared per process (server/db/statement-cache.ts; unset: its default); 0: none. */
  statementCache?: number;
}

/** How many requests run at once, how many wait, and for how long (server/http/admission.ts). */
export interface AdmissionSettings {
  maxConcurrent: number;
  maxQueued: number;
  queueTimeoutMs: number;
  maxConcurrentExports: number;
  exportIdleTimeoutMs: number;
}

export interface ServerEnv {
  databaseUrl: string | null;
  dataDir: string | null;
  /** NEXTAUTH_URL's origin ("https://steward.example.com"): the only origin state-changing requests may come from. */
  appOrigin: string | null;
  authSecret: string | undefined;
  jobsDisabled: boolean;
  /** How long after start-up the catch-up run of every job waits (one run across all processes). */
  jobsStartDelaySeconds: number;
  sessionIdleMinutes: number;
  oidc: OidcSettings | null;
  checkpointKey: string | null;
  maxBodyBytes: number;
  lineageMaxBodyBytes: number;
  db: DbSettings;
  admission: AdmissionSettings;
  logLevel: LogLevel;
  /** STEWARD_SHUTDOWN_TIMEOUT, in milliseconds. */
  shutdownTimeoutMs: number;
  /** How long the activation gate's denials are kept (the `decision-log-prune` job deletes older ones). */
  decisionLogDays: number;
  /** Null when STEWARD_SMTP_URL is unset: Steward sends no e-mail and the settings page says so. */
  mail: MailSettings | null;
}

export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** What links in e-mails start with: NEXTAUTH_URL, else the address `npm start` listens at. */
  baseUrl: string;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The server's configuration is wrong:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee README.md, "Configuration".`);
    this.name = "EnvError";
  }
}

type Env = Record<string, string | undefined>;

/** Every problem at once, each naming its variable. */
export function parseEnv(env: Env): ServerEnv {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  let oidc: OidcSettings | null = null;
  try {
    oidc = oidcSettings(env);
  } catch (err) {
    problems.push((err as Error).message);
  }
  // Without a sender most relays refuse every message; better to say so at start-up than on the first e-mail.
  if (parsed.success && parsed.data.STEWARD_SMTP_URL && !parsed.data.STEWARD_MAIL_FROM)
    problems.push("STEWARD_MAIL_FROM: must be set when STEWARD_SMTP_URL is (the sender address, e.g. Steward <steward@example.com>)");
  if (!parsed.success || problems.length) throw new EnvError(problems);
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.STEWARD_DATA_DIR ?? null,
    appOrigin: e.NEXTAUTH_URL ? new URL(e.NEXTAUTH_URL).origin : null,
    authSecret: e.NEXTAUTH_SECRET,
    jobsDisabled: e.STEWARD_DISABLE_JOBS === "1",
    jobsStartDelaySeconds: e.STEWARD_JOBS_START_DELAY_SECONDS,
    sessionIdleMinutes: sessionIdleMinutes(env),
    oidc,
    checkpointKey: e.STEWARD_AUDIT_CHECKPOINT_KEY ?? null,
    maxBodyBytes: e.STEWARD_MAX_BODY_BYTES,
    lineageMaxBodyBytes: e.STEWARD_LINEAGE_MAX_BODY_BYTES,
    db: {
      pool: e.STEWARD_DB_POOL ?? 10,
      statementTimeoutMs: e.STEWARD_DB_STATEMENT_TIMEOUT,
      idleInTransactionTimeoutMs: e.STEWARD_DB_IDLE_IN_TRANSACTION_TIMEOUT,
      connectTimeoutMs: e.STEWARD_DB_CONNECT_TIMEOUT,
      statementCache: e.STEWARD_DB_STATEMENT_CACHE,
    },
    admission: {
      // Requests that wait on the pool cost little; four per connection keeps it busy without an endless queue inside the driver.
      maxConcurrent: e.STEWARD_MAX_CONCURRENT_REQUESTS ?? 4 * (e.STEWARD_DB_POOL ?? 10),
      maxQueued: e.STEWARD_MAX_QUEUED_REQUESTS ?? 100,
      queueTimeoutMs: e.STEWARD_QUEUE_TIMEOUT,
      maxConcurrentExports: e.STEWARD_MAX_CONCURRENT_EXPORTS ?? 2,
      exportIdleTimeoutMs: e.STEWARD_EXPORT_IDLE_TIMEOUT,
    },
    logLevel: e.STEWARD_LOG_LEVEL,
    shutdownTimeoutMs: e.STEWARD_SHUTDOWN_TIMEOUT * 1000,
    decisionLogDays: e.STEWARD_DECISION_LOG_DAYS ?? DEFAULT_DECISION_LOG_DAYS,
    mail: e.STEWARD_SMTP_URL ? { smtpUrl: e.STEWARD_SMTP_URL, from: e.STEWARD_MAIL_FROM!, baseUrl: (e.NEXTAUTH_URL ?? `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, "") } : null,
  };
}

let cached: ServerEnv | undefined;

/** This process's settings, parsed on first use (at start-up: instrumentation.ts) and kept. */
export function serverEnv(): ServerEnv {
  return (cached ??= parseEnv(process.env));
}
