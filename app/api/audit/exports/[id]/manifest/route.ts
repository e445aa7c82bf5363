import { sessionRoute } from "@/server/http/route";
import { exportParams, manifestDownload } from "@/server/modules/audit/download";

export const dynamic = "force-dynamic";

/** The export's manifest: row count, time range, filters and the chain hashes of its ends. */
export const GET = sessionRoute("audit manifest download", "audit:export", exportParams, ({ db, params }) => manifestDownload(db, params.id));
