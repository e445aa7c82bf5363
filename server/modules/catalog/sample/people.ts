import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";
import { users } from "@/server/db/schema";
import type { AuditActor } from "@/server/audit/record";
import type { Role } from "@/server/authz/scopes";
import { createUserWithoutPassword } from "@/server/modules/users/service";
import type { SampleOwner } from "./segment-type";

/**
 * The retailer's people who own sample segments. They have no password: nobody can sign in as
 * them until an admin resets their password, so the sample adds no way in.
 */
const SAMPLE_PEOPLE: Array<{ as: Exclude<SampleOwner, "loader"> | "privacy_officer"; email: string; name: string; roles: Role[] }> = [
  { as: "marketer", email: "amelie.laurent@lumenandloom.example", name: "Amélie Laurent", roles: ["marketer"] },
  { as: "steward", email: "marcus.reed@lumenandloom.example", name: "Marcus Reed", roles: ["steward"] },
  { as: "privacy_officer", email: "priya.natarajan@lumenandloom.example", name: "Priya Natarajan", roles: ["privacy_officer"] },
];

export interface SamplePeople {
  owners: Record<SampleOwner, string>;
  created: number;
}

/**
 * Creates the sample people, or reuses an active account that already has one of their emails;
 * a disabled one is left alone and its segments go to the person loading the sample.
 */
export async function ensureSamplePeople(tx: Tx, actor: AuditActor, loaderId: string): Promise<SamplePeople> {
  const owners: Record<SampleOwner, string> = { marketer: loaderId, steward: loaderId, loader: loaderId };
  let created = 0;
  for (const person of SAMPLE_PEOPLE) {
    const [existing] = await tx
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(sql`lower(${users.email}) = ${person.email}`);
    let id: string | null = null;
    if (!existing) {
      id = (await createUserWithoutPassword(tx, actor, person, "sample workspace: a person who owns sample segments; no password until an admin sets one")).id;
      created++;
    } else if (!existing.disabledAt) id = existing.id;
    if (id && person.as !== "privacy_officer") owners[person.as] = id;
  }
  return { owners, created };
}
