/** Where a notification about a request opens. */
export const requestLink = (id: string) => `/reviews/${id}`;

/**
 * Where a notification about a decision on a request opens: a segment's page, which shows the
 * decision with the action its owner can take next (activate, edit, submit again) and links the
 * review; any other subject's review.
 */
export const decisionLink = (request: { id: string; subjectType: string; subjectId: string | null }) =>
  request.subjectType === "segment" && request.subjectId ? `/catalog/segments/${request.subjectId}` : requestLink(request.id);
