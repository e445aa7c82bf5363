import { useId, type InputHTMLAttributes } from "react";
import { formatDate, isDay } from "@/domain/dates";
import { FieldError } from "./field";

const control = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

/**
 * Every date the app asks for: the browser's own date picker (one picker everywhere, keyboard
 * and screen-reader ready), holding a `YYYY-MM-DD` UTC day, with the chosen day repeated under it
 * in the app's one format ("2 Nov 2026"), since the picker shows it in the browser's locale.
 */
export function DateField({
  label,
  value,
  onChange,
  hint,
  error,
  ...props
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
  hint?: string;
  error?: string | null;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "onChange">) {
  const id = useId();
  const shown = isDay(value) ? `${formatDate(value)} (UTC)` : "No date chosen";
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="date"
        {...props}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className={control}
      />
      {!error && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          <span data-testid="date-shown">{shown}</span>
          {hint ? `. ${hint}` : ""}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
