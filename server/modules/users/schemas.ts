import { z } from "zod";
import { textField } from "@/domain/text";
import { ROLES } from "@/server/authz/scopes";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/password";

export const emailSchema = textField(320)
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));
export const nameSchema = textField(200).min(1, "Enter a name.");
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024, "Use at most 1024 characters.");
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
export const resetPasswordInput = z.strictObject({ userId: z.uuid(), password: passwordSchema });

export type CreateUserInput = z.infer<typeof createUserInput>;
