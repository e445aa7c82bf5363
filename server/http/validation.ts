import type { z } from "zod";
import { HttpError } from "./errors";

const TYPE_NAMES: Record<string, string> = { object: "an object", array: "an array", string: "a string", number: "a number", boolean: "true or false" };

/** Parses with the input kept on each issue, so that a missing field and a wrong one read differently. */
export const parseOptions = { reportInput: true } as const;

/**
 * The first problem, naming the field: "inputs.0.name: must not be empty", "smuggled: is not a
 * field of this request". Parse with `parseOptions`.
 */
export function firstProblem(error: z.ZodError, root: string): { message: string; field: string } {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const field = [...issue.path, issue.keys[0]!].join(".");
    return { field, message: `${field}: is not a field of this request` };
  }
  const field = issue.path.length ? issue.path.join(".") : root;
  if (issue.code === "invalid_type") {
    // A coerced number that failed (depth=two) reports the coerced NaN, not undefined.
    if (issue.input === undefined) return { field, message: `${field}: is required` };
    // Zod's own wording ("Invalid input: expected object, received string") where no message of ours applies.
    if (issue.message.startsWith("Invalid input")) return { field, message: `${field}: must be ${TYPE_NAMES[issue.expected] ?? `of type ${issue.expected}`}` };
  }
  return { field, message: `${field}: ${issue.message}` };
}

/** `value` parsed by `schema`, or a 400 naming the first wrong field under `root` ("body", "query"). */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const parsed = schema.safeParse(value, parseOptions);
  if (parsed.success) return parsed.data;
  const { message, field } = firstProblem(parsed.error, root);
  throw new HttpError(400, "BAD_REQUEST", message, field);
}
