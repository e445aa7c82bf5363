import { sessionRoute } from "@/server/http/route";
import { exportDownload, exportParams } from "@/server/modules/audit/download";

export const dynamic = "force-dynamic";

/** Downloads an export created with `audit.exports.create`, streamed from the database. */
export const GET = sessionRoute("audit export download", "audit:export", exportParams, ({ db, params }) => exportDownload(db, params.id));
