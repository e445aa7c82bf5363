import { z } from "zod";

export const LAWFUL_BASES = ["consent", "legitimate_interest", "contract", "legal_obligation"] as const;
export const SENSITIVITIES = ["public", "internal", "confidential", "restricted"] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];
export type Sensitivity = (typeof SENSITIVITIES)[number];

const keySchema = z
  .string()
  .trim()
  .min(2, "Enter a key.")
  .max(120, "Use at most 120 characters.")
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "Use lower-case letters, digits and underscores, with dots between levels (e.g. marketing.email).");
const name = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
const description = z.string().trim().max(2000, "Use at most 2000 characters.").default("");
const bases = z.array(z.enum(LAWFUL_BASES)).min(1, "Choose at least one lawful basis.");
const reason = z.string().trim().min(3, "Say why (at least 3 characters).").max(500);

export const listInput = z.object({ includeRetired: z.boolean().default(false) }).default({ includeRetired: false });

export const createPurposeInput = z.strictObject({ key: keySchema, name, description, allowedLawfulBases: bases });
export const updatePurposeInput = z.strictObject({ id: z.uuid(), name, description, allowedLawfulBases: bases });

export const createCategoryInput = z.strictObject({
  key: keySchema,
  name,
  description,
  defaultSensitivity: z.enum(SENSITIVITIES),
  isSpecialCategory: z.boolean().default(false),
});
export const updateCategoryInput = z.strictObject({
  id: z.uuid(),
  name,
  description,
  defaultSensitivity: z.enum(SENSITIVITIES),
  isSpecialCategory: z.boolean(),
});

export const retireInput = z.strictObject({ id: z.uuid(), reason });
export const restoreInput = z.strictObject({ id: z.uuid() });
