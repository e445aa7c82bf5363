/**
 * Remembers which session id a session cookie decrypts to. Decrypting next-auth's JWE cookie
 * (jose) cost about a millisecond of CPU on every request under load, for the same few hundred
 * cookies over and over. Only the cookie → session id step is cached: the session row is still
 * read on every request, so signing out or a revoked session takes effect at once.
 *
 * Bounded (least recently used out first) and each entry kept no longer than the token's own
 * expiry nor TTL_MS, so a cookie never outlives what decrypting it would have allowed.
 */
const MAX_ENTRIES = 1000;
const TTL_MS = 5 * 60_000;

interface Entry {
  sid: string;
  until: number;
}

export class SessionTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly max = MAX_ENTRIES,
    private readonly ttlMs = TTL_MS,
  ) {}

  get(token: string, now = Date.now()): string | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    this.entries.delete(token);
    if (e.until <= now) return undefined;
    this.entries.set(token, e); // most recently used last
    return e.sid;
  }

  /** `expiresAt` in ms since the epoch: the token's `exp`, when it has one. */
  set(token: string, sid: string, expiresAt: number | undefined, now = Date.now()) {
    const until = Math.min(now + this.ttlMs, expiresAt ?? Infinity);
    if (until <= now) return;
    this.entries.delete(token);
    this.entries.set(token, { sid, until });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size() {
    return this.entries.size;
  }
}
