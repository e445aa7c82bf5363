import { z } from "zod";
import { textField } from "@/domain/text";
import { ROLES } from "@/server/authz/scopes";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/domain/password-rule";

export const emailSchema = textField(320)
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));
export const nameSchema = textField(200).min(1, "Enter a name.");
/** A password as typed to prove who one is: only bounded (an old one may predate today's rule). */
export const passwordSchema = z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
/**
 * A password being chosen: its length here, so a short one is named beside the form's other
 * mistakes; the rest of the rule (breached and guessable passwords, the person's own name or
 * email) is checked by the service, which knows whose password it is.
 */
export const newPasswordSchema = passwordSchema.refine((p) => p.length >= PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`);
export const rolesSchema = z.array(z.enum(ROLES)).min(1, "Choose at least one role.");

export const firstAdminInput = z.strictObject({ email: emailSchema, name: nameSchema, password: newPasswordSchema });
export const createUserInput = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: newPasswordSchema,
  roles: rolesSchema,
});
export const updateRolesInput = z.strictObject({ userId: z.uuid(), roles: rolesSchema });
export const setDisabledInput = z.strictObject({
  userId: z.uuid(),
  disabled: z.boolean(),
  reason: textField(500).optional(),
});
export const setTemporaryPasswordInput = z.strictObject({ userId: z.uuid(), password: newPasswordSchema });
export const changeOwnPasswordInput = z.strictObject({ currentPassword: passwordSchema, newPassword: newPasswordSchema });

export type CreateUserInput = z.infer<typeof createUserInput>;
