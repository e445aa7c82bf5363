/** Calls per tRPC batch: the client's batch link sends at most this many; the server refuses larger batches with a 400. */
export const MAX_BATCH_SIZE = 20;
