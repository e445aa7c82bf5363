/**
 * The password rule as people read it, wherever a password is chosen (setup, an admin's temporary
 * password, changing one's own). Client-safe; the check itself is server/auth/password-rule.ts.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Bounds the work of hashing and checking; no one types more. */
export const PASSWORD_MAX_LENGTH = 1024;

export const PASSWORD_RULE =
  `At least ${PASSWORD_MIN_LENGTH} characters, and not a common or breached password nor an easy variation of one ` +
  "(a word or name with digits or symbols added, a keyboard run, your own name or email). A phrase of three or four unrelated words works well.";
