import { HttpError } from "./errors";

const formatBytes = (n: number) => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n >= 1024 && n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`);

export const tooLarge = (limit: number) =>
  new HttpError(413, "PAYLOAD_TOO_LARGE", limit === 0 ? "This request takes no body." : `The request body is larger than ${formatBytes(limit)}.`, "body");

/**
 * Refuses a declared Content-Length over `limit` before a byte of the body is read. A body
 * without one (chunked) is checked as it is read, by readBody.
 */
export function checkDeclaredLength(headers: Headers, limit: number): void {
  const declared = headers.get("content-length");
  if (declared === null) return;
  if (!/^\d+$/.test(declared.trim())) throw new HttpError(400, "BAD_REQUEST", "Content-Length must be a number of bytes.", "content-length");
  if (Number(declared) > limit) throw tooLarge(limit);
}

/**
 * The whole body, at most `limit` bytes. Reading stops at the first chunk past the limit and the
 * stream is cancelled, so a large or endless body costs at most `limit` bytes of memory.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  checkDeclaredLength(req.headers, limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The body as JSON, read within `limit`; a body that is not JSON is a 400 naming `body`. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  const bytes = await readBody(req, limit);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "body: must be JSON", "body");
  }
}
