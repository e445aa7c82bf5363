import { csvRow } from "@/domain/csv";
import { channelLabel } from "@/components/activation/channel-label";

export interface ImpactRow {
  kind: string;
  id: string;
  label: string;
  sensitivity: string | null;
  depth: number;
  /** A segment's lifecycle status (draft, in_review, approved, active, paused, retired). */
  status?: string | null;
  /** The activation tools the gate let use a segment recently: they will start being denied. */
  tools?: Array<{ name: string; channel: string }>;
}

const toolsCell = (r: ImpactRow) => (r.tools?.length ? r.tools.map((t) => `${t.name} (${channelLabel(t.channel)})`).join("; ") : null);

/**
 * Impact analysis as RFC 4180 CSV (CRLF, quoted where needed, formula-like cells prefixed with
 * '), through the audit export's encoder, which is pure and safe to run in the browser.
 */
export function impactCsv(origin: string, of: { label: string }, segments: ImpactRow[], channels: ImpactRow[]): string {
  let out = csvRow(["affected", "name", "id", "status", "hops", "sensitivity", "link", "affected_by", "tools_to_be_denied"]);
  for (const s of segments) out += csvRow(["segment", s.label, s.id, s.status ?? null, String(s.depth), s.sensitivity, `${origin}/catalog/segments/${s.id}`, of.label, toolsCell(s)]);
  for (const c of channels) out += csvRow(["channel", c.label, c.id, null, String(c.depth), null, null, of.label, null]);
  return out;
}

/** A file name from the node's name: letters, digits and dashes only. */
export const impactFileName = (label: string) =>
  `impact-${
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "node"
  }.csv`;
