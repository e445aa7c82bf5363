import { z } from "zod";
import { textField } from "@/domain/text";
import { ROLES } from "@/server/authz/scopes";
import { PASSWORD_MAX_LENGTH } from "@/domain/password-rule";

export const emailSchema = textField(320)
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));
export const nameSchema = textField(200).min(1, "Enter a name.");
/** Only bounded here; the password rule (length, breached and guessable passwords) is checked by the service, which knows whose password it is. */
export const passwordSchema = z.string().max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
export const rolesSchema = z.array(z.enum(ROLES)).min(1, "Choose at least one role.");

export const firstAdminInput = z.strictObject({ email: emailSchema, name: nameSchema, password: passwordSchema });
export const createUserInput = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  roles: rolesSchema,
});
export const updateRolesInput = z.strictObject({ userId: z.uuid(), roles: rolesSchema });
export const setDisabledInput = z.strictObject({
  userId: z.uuid(),
  disabled: z.boolean(),
  reason: textField(500).optional(),
});
export const setTemporaryPasswordInput = z.strictObject({ userId: z.uuid(), password: passwordSchema });
export const changeOwnPasswordInput = z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema });

export type CreateUserInput = z.infer<typeof createUserInput>;
