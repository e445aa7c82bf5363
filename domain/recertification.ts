/** Days ahead in which an active segment's re-certification counts as due (list filter, dashboard). */
export const RECERT_DUE_SOON_DAYS = 30;
