import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { apiTokens, users } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { notFound, preconditionFailed } from "@/server/errors";

export const TOKEN_SCOPES = ["lineage:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

// Tokens are 256 random bits, so a fast hash is enough: no dictionary can reach them.
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a token; the plain value is returned once and never stored. */
export async function createToken(db: Db, actor: AuditActor, input: { name: string; scopes: TokenScope[] }) {
  const token = `stw_${randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 10), scopes: input.scopes, createdById: actor.id! })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, { actor, action: "token.created", entityType: "api_token", entityId: row!.id, after: { name: input.name, scopes: input.scopes, prefix: token.slice(0, 10) } });
    return { id: row!.id, token };
  });
}

export async function revokeToken(db: Db, actor: AuditActor, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for("update");
    if (!row) throw notFound("That token");
    if (row.revokedAt) throw preconditionFailed("This token is already revoked.");
    await tx.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, id));
    await recordAudit(tx, { actor, action: "token.revoked", entityType: "api_token", entityId: id, before: { name: row.name, prefix: row.prefix } });
    return { id };
  });
}

export function listTokens(db: Db) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt, createdBy: users.name })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdById))
    .orderBy(desc(apiTokens.createdAt));
}

/** The token behind a bearer value, when it exists, is not revoked and holds the scope. */
export async function authenticateToken(db: DbOrTx, bearer: string | null, scope: TokenScope) {
  if (!bearer) return null;
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(bearer)), isNull(apiTokens.revokedAt)));
  if (!row || !row.scopes.includes(scope)) return null;
  return row;
}
