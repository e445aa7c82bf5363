import { describe, expect, it } from "vitest";
import { PASSWORD_RULE } from "@/domain/password-rule";
import { checkPassword, personalWords } from "./password-rule";

const nina = personalWords({ email: "nina.marketer@example.test", name: "Nina Marketer" });

// [password, personal words, accepted?, what the refusal says]
const cases: [string, string[], boolean, RegExp | null][] = [
  ["short", [], false, /at least 12 characters/],
  ["elevenchars", [], false, /at least 12 characters/],
  ["x".repeat(1025), [], false, /at most 1024 characters/],
  ["password1234", [], false, /commonly used password/],
  ["Password1234!", [], false, /commonly used password/],
  ["P@ssw0rd2024!", [], false, /commonly used password/],
  ["qwertyuiop12", [], false, /commonly used password/],
  ["iloveyou2024", [], false, /commonly used password/],
  ["letmein123456", [], false, /commonly used password/],
  ["trustno1trustno1", [], false, /Repeated/],
  ["aaaaaaaaaaaaaaaa", [], false, /Repeated|guessed/],
  ["Summer2024!!", [], false, /guessed too quickly/],
  ["Marketing2026!", [], false, /guessed too quickly/],
  ["Welcome2024!!", [], false, /guessed too quickly/],
  ["ninamarketer2026", nina, false, /your own name or email/],
  ["Nina.Marketer!1", nina, false, /your own name or email/],
  // Fine for anyone else: the person's own name is what makes it guessable.
  ["Nina.Marketer!1", [], true, null],
  ["correct horse battery staple", [], true, null],
  ["blue elephant sky", [], true, null],
  ["coffee at nine am", [], true, null],
  ["kqzmvtrplwbx", [], true, null],
  ["Tr0ub4dor&3xyz", [], true, null],
  ["a long enough passphrase", nina, true, null],
  ["élan vital über alles", [], true, null],
];

describe("the password rule", () => {
  it.each(cases)("%s → accepted: %s", (password, personal, accepted, reason) => {
    const verdict = checkPassword(password, personal);
    expect(verdict.ok).toBe(accepted);
    if (!verdict.ok) {
      expect(verdict.reason).toMatch(reason!);
      // The refusal never repeats the password back.
      expect(verdict.reason).not.toContain(password);
    }
  });

  it("says the rule the form shows", () => {
    expect(PASSWORD_RULE).toMatch(/At least 12 characters/);
    expect(PASSWORD_RULE).toMatch(/common or breached/);
  });

  it("knows a person by email, its parts and the words of the name", () => {
    expect(nina).toEqual(expect.arrayContaining(["nina.marketer@example.test", "nina.marketer", "Nina Marketer", "Nina", "Marketer", "nina", "marketer"]));
    expect(personalWords({})).toEqual(["steward"]);
  });
});
