// `npm run seed:sample`: loads the sample retailer's catalog (sources, signals, segments) into
// the configured database, acting as the first active admin. It refuses a catalog that already
// has data. On the embedded database it takes the server's lock, so it refuses to run while
// Steward is running on that folder instead of corrupting it.
import { sql } from "drizzle-orm";
import { ensureReferenceData } from "../server/db/reference-data";
import { users } from "../server/db/schema";
import { DomainError } from "../server/errors";
import { loadSampleWorkspace } from "../server/modules/catalog/sample/load";
import { fail, withScriptDb } from "./open-for-script";

await withScriptDb(async (opened) => {
  try {
    await ensureReferenceData(opened.db);
    const [admin] = await opened.db
      .select({ id: users.id, email: users.email, name: users.name, roles: users.roles })
      .from(users)
      .where(sql`'admin' = ANY(${users.roles}) AND ${users.disabledAt} IS NULL`)
      .orderBy(users.createdAt)
      .limit(1);
    if (!admin) fail("No admin exists yet. Run Steward and create the first admin first (npm start, then open /setup).");
    const counts = await loadSampleWorkspace(opened.db, admin, { id: admin.id, label: admin.email, userAgent: "npm run seed:sample" });
    console.log(
      `[steward] sample workspace loaded as ${admin.email}: ${counts.sources} data sources, ${counts.signals} signals, ${counts.segments} segments` +
        (counts.people ? `, ${counts.people} sample people (no password; an admin can set one)` : ""),
    );
  } catch (err) {
    if (err instanceof DomainError) fail(err.message);
    throw err;
  }
});
