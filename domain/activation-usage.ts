/**
 * "Recently" for activation usage: the Used-by panel's recent counts, and the tools impact
 * analysis and the consent what-if say will start being denied. Client-safe.
 */
export const RECENT_USAGE_DAYS = 30;
