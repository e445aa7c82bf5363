import { TRPCClientError } from "@trpc/client";

export interface FormErrors {
  /** Shown next to the form's action. */
  form: string | null;
  /** Shown next to each field. */
  fields: Record<string, string>;
}

/** Splits a tRPC error into per-field messages and one message for the form. */
export function formErrors(error: unknown): FormErrors {
  if (!error) return { form: null, fields: {} };
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[]> | null; field?: string | null } | undefined;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(data?.fieldErrors ?? {})) if (v?.[0]) fields[k] = v[0];
    if (data?.field) {
      fields[data.field] = error.message;
      return { form: null, fields };
    }
    if (Object.keys(fields).length > 0) return { form: "Please correct the highlighted fields.", fields };
    return { form: error.message, fields };
  }
  return { form: "Something went wrong. Check your connection and try again.", fields: {} };
}

/** The server answered that the thing asked for does not exist: nothing to try again. */
export function isNotFound(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "NOT_FOUND";
}
