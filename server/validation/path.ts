/**
 * A request path Next.js cannot decode ("%C0%AF" is no UTF-8, "%ZZ" no escape) makes its router
 * throw while matching a dynamic segment, an HTTP 500. No page or route of Steward's has such a
 * name, so it is a 404, answered before routing.
 */
export function isUndecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function undecodablePathResponse(): Response {
  return Response.json({ error: { code: "NOT_FOUND", message: "No page or resource has that address." } }, { status: 404 });
}
