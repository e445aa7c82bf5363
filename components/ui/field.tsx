import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 aria-[invalid=true]:border-red-600";

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: string;
}

function Wrapper({ id, label, error, hint, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function describedBy(id: string, error?: string | null, hint?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({ label, error, hint, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} hint={hint}>
      <input id={id} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={control} />
    </Wrapper>
  );
}

export function TextArea({ label, error, hint, ...props }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} hint={hint}>
      <textarea id={id} rows={3} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={control} />
    </Wrapper>
  );
}

export function SelectField({ label, error, hint, children, ...props }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} hint={hint}>
      <select id={id} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={control}>
        {children}
      </select>
    </Wrapper>
  );
}

/** A group of checkboxes with one legend and one error, e.g. roles or lawful bases. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  name,
  notes,
}: {
  legend: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string | null;
  name: string;
  /** A line under an option (e.g. why choosing it is a problem), read with it by screen readers. */
  notes?: Partial<Record<T, ReactNode>>;
}) {
  const id = useId();
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {/* With notes, options line up in columns so each note sits under its own option. */}
      <div className={notes && Object.keys(notes).length ? "grid gap-x-6 gap-y-2 pt-1 sm:grid-cols-2" : "flex flex-wrap gap-x-4 gap-y-2 pt-1"}>
        {options.map((o) => {
          const note = notes?.[o.value];
          return (
            <div key={o.value} className="min-w-0">
              <label className="inline-flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name={name}
                  value={o.value}
                  checked={value.includes(o.value)}
                  aria-describedby={note ? `${id}-note-${o.value}` : undefined}
                  onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
                  className="size-4 rounded border-slate-400 accent-brand-700"
                />
                {o.label}
              </label>
              {note && (
                <div id={`${id}-note-${o.value}`} className="mt-0.5 pl-6">
                  {note}
                </div>
              )}
            </div>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/** A field's error under it; `id` is what the control's aria-describedby points at. */
export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p id={id} className="text-sm text-red-700" data-testid="field-error">
      {error}
    </p>
  );
}

/** A whole number, from 1 unless `min` says otherwise; the phone keyboard shows digits. */
export function NumberField(props: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "inputMode">) {
  return <TextField type="number" inputMode="numeric" min={1} {...props} />;
}
