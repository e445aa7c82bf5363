import { Badge } from "@/components/ui/layout";

/** One setting as read by someone who may not change it. */
export function ReadOnlyValue({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{value}</dd>
    </div>
  );
}

export function ReadOnlyList({ label, hint, items }: { label: string; hint: string; items: string[] }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-800">{label}</p>
      <p className="text-xs text-slate-600">{hint}</p>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">None</p>
      ) : (
        <ul className="mt-1 flex flex-wrap gap-1">
          {items.map((i) => (
            <li key={i}>
              <Badge>{i}</Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
