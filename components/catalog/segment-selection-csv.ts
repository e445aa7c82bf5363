import { csvRow } from "@/domain/csv";
import { LABELS, type BusinessGoal, type Channel, type SegmentStatus, type Sensitivity } from "@/domain/vocab";

/** A row of the segments list, as much of it as the export writes. */
export interface SelectedSegment {
  id: string;
  key: string;
  name: string;
  status: SegmentStatus;
  sensitivity: Sensitivity;
  businessGoal: BusinessGoal;
  channels: Channel[];
  ownerName: string | null;
  team: string | null;
  blockingCount: number;
  warningCount: number;
  updatedAt: Date | string;
}

/** The list's selection as RFC 4180 CSV (the audit export's encoder: quoted, formulas defused), as the table shows it plus a link. */
export function selectionCsv(origin: string, items: SelectedSegment[]): string {
  let out = csvRow(["name", "key", "status", "sensitivity", "business_goal", "channels", "owner", "team", "blocking_findings", "warnings", "updated_at", "link"]);
  for (const s of items) {
    out += csvRow([
      s.name,
      s.key,
      LABELS.status[s.status],
      LABELS.sensitivity[s.sensitivity],
      LABELS.goal[s.businessGoal],
      s.channels.length ? s.channels.map((c) => LABELS.channel[c]).join("; ") : null,
      s.ownerName,
      s.team,
      String(s.blockingCount),
      String(s.warningCount),
      new Date(s.updatedAt).toISOString(),
      `${origin}/catalog/segments/${s.id}`,
    ]);
  }
  return out;
}
