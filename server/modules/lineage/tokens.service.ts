import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { apiTokens, users } from "@/server/db/schema";
import { preparedOnce } from "@/server/db/prepared";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { notFound, preconditionFailed } from "@/server/errors";
import { inTransaction } from "@/server/db/transaction";

import { TOKEN_SCOPES, TOKEN_UNKNOWN_MESSAGE, tokenLacksScopeMessage, type TokenScope } from "@/domain/token-scopes";

export { TOKEN_SCOPES, type TokenScope };

// Tokens are 256 random bits, so a fast hash is enough: no dictionary can reach them.
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a token; the plain value is returned once and never stored. */
export async function createToken(db: Db, actor: AuditActor, input: { name: string; scopes: TokenScope[] }) {
  const token = `stw_${randomBytes(32).toString("base64url")}`;
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), scopes: input.scopes, createdById: actor.id! })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, { actor, action: "token.created", entityType: "api_token", entityId: row!.id, after: { name: input.name, scopes: input.scopes, prefix: token.slice(0, 10) } });
    return { id: row!.id, token };
  });
}

export async function revokeToken(db: Db, actor: AuditActor, id: string) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for("no key update");
    if (!row) throw notFound("That token");
    if (row.revokedAt) throw preconditionFailed("This token is already revoked.");
    await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiTokens.id, id));
    await recordAudit(tx, { actor, action: "token.revoked", entityType: "api_token", entityId: id, before: { name: row.name, prefix: row.prefix } });
    return { id };
  });
}

export function listTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdBy: users.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdById))
    .orderBy(desc(apiTokens.createdAt));
}

// Checked on every machine API call: prepared once per database.
const tokenLookup = (db: DbOrTx) =>
  preparedOnce(db, "api_token_by_hash", (d) =>
    d
      .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
      .prepare("api_token_by_hash"),
  );

export type TokenCheck = { ok: true; token: { id: string; name: string } } | { ok: false; status: 401 | 403; error: string };

/**
 * The token behind a bearer value: 401 when there is none or it is unknown or revoked, 403 when
 * it exists but lacks the scope (a null scope: any valid token will do).
 */
export async function authenticateToken(db: DbOrTx, bearer: string | null, scope: TokenScope | null): Promise<TokenCheck> {
  if (!bearer) return { ok: false, status: 401, error: "Send an API token as 'Authorization: Bearer <token>'." };
  const [row] = await tokenLookup(db).execute({ hash: hashToken(bearer) });
  if (!row) return { ok: false, status: 401, error: TOKEN_UNKNOWN_MESSAGE };
  if (scope && !row.scopes.includes(scope)) return { ok: false, status: 403, error: tokenLacksScopeMessage(scope) };
  return { ok: true, token: { id: row.id, name: row.name } };
}

const TOUCH_EVERY_MS = 60_000;
const touchedAt = new Map<string, number>();

/**
 * Records that a token was used, at most once a minute per token and server process, so that a
 * busy reader does not cost a write (or a round trip) on every call.
 */
export async function touchToken(db: DbOrTx, id: string) {
  const now = Date.now();
  if (now - (touchedAt.get(id) ?? 0) < TOUCH_EVERY_MS) return;
  touchedAt.set(id, now);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), sql`(${apiTokens.lastUsedAt} IS NULL OR ${apiTokens.lastUsedAt} < now() - interval '1 minute')`));
}
