import { TableHead, TableWrap, td } from "@/components/ui/layout";

export interface ChangeRow {
  field: string;
  label: string;
  before: string;
  after: string;
}

/**
 * Field by field, what is in force against what is asked for: a table on wider screens, and on
 * a phone the rows stacked, rather than a table whose last column is off-screen.
 */
export function ChangeTable({ rows, beforeLabel, afterLabel, caption }: { rows: readonly ChangeRow[]; beforeLabel: string; afterLabel: string; caption: string }) {
  return (
    <>
      <ul className="space-y-3 sm:hidden">
        {rows.map((c) => (
          <li key={c.field} className="rounded-md border border-slate-200 p-3 text-sm" data-testid={`diff-stacked-${c.field}`}>
            <p className="font-medium text-slate-900">{c.label}</p>
            <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">
              <span className="text-slate-600">{beforeLabel}: </span>
              <del className="decoration-red-700">{c.before}</del>
            </p>
            <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">
              <span className="text-slate-600">{afterLabel}: </span>
              <ins className="decoration-green-700">{c.after}</ins>
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <TableWrap label={caption}>
          <TableHead columns={["Field", beforeLabel, afterLabel]} />
          <tbody className="divide-y divide-slate-100">
            {rows.map((c) => (
              <tr key={c.field} data-testid={`diff-${c.field}`}>
                <th scope="row" className={`${td} text-left font-medium whitespace-nowrap`}>
                  {c.label}
                </th>
                <td className={`${td} min-w-48 break-words whitespace-pre-wrap`}>
                  <del className="decoration-red-700">{c.before}</del>
                </td>
                <td className={`${td} min-w-48 break-words whitespace-pre-wrap`}>
                  <ins className="decoration-green-700">{c.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      </div>
    </>
  );
}
