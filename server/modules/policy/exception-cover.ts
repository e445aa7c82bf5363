import { sql } from "drizzle-orm";

/**
 * An exception in force covers the segment_findings row aliased `f`: same segment and finding
 * fingerprint, not revoked, not expired. Decided at read time, so an exception stops counting
 * the moment it expires; every "blocked" read uses this one definition.
 */
export const coveredByException = sql`EXISTS (
  SELECT 1 FROM policy_exceptions e
  WHERE e.segment_id = f.segment_id AND e.fingerprint = f.fingerprint AND e.revoked_at IS NULL AND e.expires_at > now())`;
