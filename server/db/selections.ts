import { policyExceptions, reviewDecisions, users } from "./schema";

/**
 * Select lists that several modules read the same way. Each is spread after the caller's own
 * leading columns; the query must join `users` on the row's author (granter, decider).
 */

/** A policy exception as its readers show it: why, until when, and who granted it. */
export const exceptionGrantColumns = {
  justification: policyExceptions.justification,
  expiresAt: policyExceptions.expiresAt,
  createdAt: policyExceptions.createdAt,
  revokedAt: policyExceptions.revokedAt,
  grantedBy: users.name,
};

/** A review decision with the name of who made it. */
export const decisionColumns = {
  name: users.name,
  role: reviewDecisions.role,
  decision: reviewDecisions.decision,
  comment: reviewDecisions.comment,
  createdAt: reviewDecisions.createdAt,
};
