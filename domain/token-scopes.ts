/** What an API token may do; a token holds one or more. */
export const TOKEN_SCOPES = ["lineage:write", "lineage:read", "activation:read", "metrics:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  "lineage:write": "Report run events (POST /api/v1/lineage)",
  "lineage:read": "Read lineage (GET /api/v1/lineage)",
  "activation:read": "Ask the activation gate (GET /api/v1/segments/{key}/decision, POST /api/v1/decisions)",
  "metrics:write": "Report outcome and consent aggregates (POST /api/v1/metrics/outcomes, POST /api/v1/metrics/consent)",
};

/** What a call with a token that is unknown or revoked is told (401). */
export const TOKEN_UNKNOWN_MESSAGE = "This API token is unknown or revoked.";
/** What a call with a valid token lacking the operation's scope is told (403). */
export const tokenLacksScopeMessage = (scope: TokenScope) => `This API token lacks the ${scope} scope.`;
