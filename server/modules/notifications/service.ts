/** In-app notifications: written inside the transaction of the change they tell about. */
import { and, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { notifications, users } from "@/server/db/schema";
import type { Role } from "@/domain/roles";

type Kind = (typeof notifications.$inferInsert)["kind"];

export async function notify(tx: DbOrTx, userIds: Array<string | null | undefined>, n: { kind: Kind; title: string; body?: string; link?: string }) {
  const ids = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (ids.length === 0) return;
  await tx.insert(notifications).values(ids.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? "" })));
}

/** Active users holding any of these roles, except the people named. */
export async function usersWithRoles(tx: DbOrTx, roles: Role[], except: Array<string | null>): Promise<string[]> {
  if (roles.length === 0) return [];
  const excluded = except.filter((e): e is string => Boolean(e));
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        isNull(users.disabledAt),
        sql`${users.roles} && ARRAY[${sql.join(
          roles.map((r) => sql`${r}`),
          sql`, `,
        )}]::role[]`,
        excluded.length ? and(...excluded.map((e) => ne(users.id, e))) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}
