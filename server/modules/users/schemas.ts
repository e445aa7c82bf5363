import { z } from "zod";
import { ROLES } from "@/server/authz/scopes";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/password";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address." }));
export const nameSchema = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "Use at most 1024 characters.");
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
  reason: z.string().trim().max(500).optional(),
});
export const resetPasswordInput = z.strictObject({ userId: z.uuid(), password: passwordSchema });

export type CreateUserInput = z.infer<typeof createUserInput>;
