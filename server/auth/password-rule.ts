/**
 * The one password rule (domain/password-rule.ts says it in words). Pure: data in, verdict out.
 *
 * Beyond length, a password is refused when zxcvbn-ts estimates it falls within 10^10 guesses:
 * its dictionaries hold ~49,000 passwords from public breaches and common English words and
 * names, and it also sees through l33t spelling, appended years and symbols, keyboard runs,
 * repeats, and the person's own name and email. `password1234`, `Summer2024!!` and
 * `Marketing2026!` fall within it; a phrase of three unrelated words does not.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/domain/password-rule";

/** zxcvbn's top score: "very unguessable, strong protection from an offline slow-hash attack". */
export const MIN_GUESSES = 1e10;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

// Building the factory unpacks the dictionaries (~0.3 s), so it happens once, on first use.
let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** What the person is known by: the email, its local part, the name and each word of it. */
export function personalWords(person: { email?: string | null; name?: string | null }): string[] {
  const email = person.email?.trim().toLowerCase() ?? "";
  const name = person.name?.trim() ?? "";
  const words = [email, email.split("@")[0] ?? "", name, ...name.split(/[\s.'-]+/), ...(email.split("@")[0] ?? "").split(/[._+-]+/), "steward"];
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/**
 * Whether `password` may be chosen by the person `personal` describes (personalWords()), and if
 * not, why, in words to show at the field.
 */
export function checkPassword(password: string, personal: readonly string[] = []): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  const result = estimator().check(password, [...personal]);
  if (result.guesses >= MIN_GUESSES) return { ok: true };
  const personalMatch = result.sequence.some((m) => m.pattern === "dictionary" && m.dictionaryName === "userInputs");
  const warning = personalMatch ? "It contains your own name or email." : (result.feedback.warning ?? "This password would be guessed too quickly.");
  return { ok: false, reason: `${warning.replace(/\.?$/, ".")} Add another word or two: a phrase of three or four unrelated words works well.` };
}
