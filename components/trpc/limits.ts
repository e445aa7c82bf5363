/** Calls per tRPC batch; the server refuses larger batches with a 400. */
export const MAX_BATCH_SIZE = 20;
