import Link from "next/link";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import { SensitivityBadge, StatusBadge } from "./badges";
import type { SegmentDetail } from "./types";

const link = "font-medium text-brand-700 underline-offset-2 hover:underline";

export function InputsTab({ segment: s }: { segment: SegmentDetail }) {
  return (
    <div className="space-y-6">
      <section aria-labelledby="input-signals-heading" className="space-y-2">
        <h2 id="input-signals-heading" className="text-base font-semibold text-slate-900">
          Input signals
        </h2>
        {s.signals.length === 0 ? (
          <EmptyState title="This segment uses no signals directly" />
        ) : (
          <TableWrap label="Input signals">
            <TableHead columns={["Signal", "Source", "Data category", "Fidelity", "Jurisdictions", "Retention", "Consent provenance"]} />
            <tbody className="divide-y divide-slate-100">
              {s.signals.map((sig) => (
                <tr key={sig.id} data-testid={`input-signal-${sig.key}`}>
                  <td className={`${td} min-w-40`}>
                    <Link href={`/catalog/signals/${sig.id}`} className={link}>
                      {sig.name}
                    </Link>
                    <p className="text-xs break-all text-slate-600">{sig.key}</p>
                  </td>
                  <td className={`${td} min-w-32`}>
                    <Link href={`/catalog/sources/${sig.sourceId}`} className={link}>
                      {sig.sourceName}
                    </Link>
                  </td>
                  <td className={`${td} min-w-44`}>
                    <p>{sig.categoryName}</p>
                    <p className="text-xs text-slate-600">{sig.categoryKey}</p>
                    <div className="mt-1 flex flex-wrap gap-1">
                      <SensitivityBadge value={sig.sensitivity} />
                      {sig.isSpecialCategory && <Badge tone="red">Special category</Badge>}
                    </div>
                  </td>
                  <td className={td}>{LABELS.fidelity[sig.fidelity]}</td>
                  <td className={td}>{sig.jurisdictions.join(", ") || <span className="text-slate-600">—</span>}</td>
                  <td className={`${td} whitespace-nowrap`}>{sig.retentionDays} days</td>
                  <td className={`${td} min-w-52`}>
                    {sig.consents.length === 0 ? (
                      <span className="text-red-800">None recorded</span>
                    ) : (
                      <ul className="space-y-1">
                        {sig.consents.map((c) => (
                          <li key={c.purposeId}>
                            {c.purposeName} <span className="text-slate-600">— {LABELS.lawfulBasis[c.lawfulBasis]}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
        )}
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Parent segments">
          <SegmentLinks items={s.parents} empty="This segment builds on no other segment." testId="parent-segments" />
        </Card>
        <Card title="Used by">
          <SegmentLinks items={s.children} empty="No other segment uses this one." testId="used-by" />
        </Card>
      </div>
    </div>
  );
}

function SegmentLinks({ items, empty, testId }: { items: SegmentDetail["parents" | "children"]; empty: string; testId: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-2" data-testid={testId}>
      {items.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={p.mode === "exclude" ? "red" : "green"}>{p.mode === "exclude" ? "Excluded" : "Included"}</Badge>
          <Link href={`/catalog/segments/${p.id}`} className={link}>
            {p.name}
          </Link>
          <StatusBadge value={p.status} />
        </li>
      ))}
    </ul>
  );
}
