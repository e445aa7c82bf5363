/** Every action Steward audits, with its label: one list, in domain/ so that the explorer reads it too. */
export { AUDIT_ACTIONS, type AuditAction } from "@/domain/audit-actions";
