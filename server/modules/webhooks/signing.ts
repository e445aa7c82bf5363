import { createHmac, randomBytes } from "node:crypto";

/**
 * Delivery signatures: HMAC-SHA256 with the endpoint's secret over `${timestamp}.${body}`, sent as
 * `Steward-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is inside the signed text, so a
 * receiver that rejects timestamps older than its replay window (5 minutes, README) cannot be fed
 * an old delivery again.
 */
export const REPLAY_WINDOW_SECONDS = 300;

export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/** A new signing secret: 32 random bytes, prefixed so that it is recognisable in a vault. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
