import { z } from "zod";
import { boundedDate } from "@/domain/bounds";
import { textField } from "@/domain/text";

/** The explorer's filters; exports take the same ones. */
export const auditFiltersInput = z.object({
  action: textField(100).optional(),
  entityType: textField(100).optional(),
  entityId: textField(200).optional(),
  actor: textField(320).optional(),
  from: boundedDate().optional(),
  to: boundedDate().optional(),
});
export type AuditFiltersInput = z.infer<typeof auditFiltersInput>;

export const listAuditInput = auditFiltersInput.extend({
  /** Keyset pagination: events with a sequence number below this one. */
  before: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const createExportInput = z
  .object({
    format: z.enum(EXPORT_FORMATS, { error: "Choose CSV or NDJSON." }),
    filters: auditFiltersInput.default({}),
  })
  .refine((v) => !v.filters.from || !v.filters.to || v.filters.from <= v.filters.to, {
    message: "The end date is before the start date.",
    path: ["filters", "to"],
  });

export const listExportsInput = z.object({ limit: z.number().int().min(1).max(50).default(10) }).default({ limit: 10 });

/** A checkpoint file as `audit:verify --write-checkpoint` or the verify page writes it. */
export const checkpointInput = z.object({
  format: z.literal("steward-audit-checkpoint/1"),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: textField(40, { trim: false }),
  algorithm: z.literal("HMAC-SHA256"),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

export const verifyInput = z.object({ checkpoint: checkpointInput.optional() }).default({});
