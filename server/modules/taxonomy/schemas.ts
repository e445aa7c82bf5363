import { z } from "zod";
import { textField } from "@/domain/text";

import { LAWFUL_BASES, SENSITIVITIES } from "@/domain/vocab";

const keySchema = textField(120)
  .min(2, "Enter a key.")
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "Use lower-case letters, digits and underscores, with dots between levels (e.g. marketing.email).");
const name = textField(200).min(1, "Enter a name.");
const description = textField(2000).default("");
const bases = z.array(z.enum(LAWFUL_BASES)).min(1, "Choose at least one lawful basis.");
const reason = textField(500).min(3, "Say why (at least 3 characters).");

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
