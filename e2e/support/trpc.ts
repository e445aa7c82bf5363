import { expect, type APIRequestContext } from "@playwright/test";

// tRPC over HTTP as the app sends it (superjson's { json } envelope), for setting up data and
// checking the API beside the UI; a call that fails fails the test with the server's answer.

/** A tRPC mutation, with whatever session the request context carries. */
export async function mutate<T>(req: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await req.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.json();
  expect(res.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

/** A tRPC query, likewise. */
export async function query<T>(req: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await req.get(`/api/trpc/${path}${qs}`);
  const body = await res.json();
  expect(res.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}
