/** A lineage node's name: kind:id, e.g. segment:<uuid> or dataset:warehouse/orders. */
// Pipelines name datasets and jobs freely (spaces included), so only the ends may not be blank.
// Kept apart from schemas.ts so the lineage page can check a name without loading zod.
export const NODE_NAME = /^(source|signal|segment|purpose|channel|dataset|job):\S(?:.*\S)?$/;
