import { expect, request, type APIRequestContext } from "@playwright/test";
import { baseURL as appURL } from "../../playwright.config";
import { mutate } from "./trpc";

type Person = { email: string; name: string; password: string; roles?: readonly string[] };

/** The password an admin gives `who` when creating them: it is temporary (issue 21), so it is not the one the test signs in with. */
export const temporaryPasswordOf = (who: { password: string }) => `temporary ${who.password}`;

/** A session of `who` for API calls, signed in through next-auth's credentials callback as the sign-in form posts it. */
export async function apiSignIn(who: { email: string; password: string }, baseURL = appURL): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL });
  const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
  const res = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: who.email, password: who.password, callbackUrl: `${baseURL}/` },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(res.headers()["location"], `sign-in of ${who.email}`).toBe(`${baseURL}/`);
  return client;
}

/**
 * Creates `who` as an admin does, with a temporary password, then does what the person must do at
 * their first sign-in: choose their own, here `who.password`. Tests then sign in as before; the
 * first sign-in's forced change itself is tested through the pages in foundation.spec.ts.
 */
export async function createPerson(admin: APIRequestContext, who: Person, baseURL = appURL): Promise<{ id: string }> {
  const temporary = temporaryPasswordOf(who);
  const created = await mutate<{ id: string }>(admin, "users.create", { ...who, password: temporary });
  const person = await apiSignIn({ email: who.email, password: temporary }, baseURL);
  await mutate(person, "users.changeOwnPassword", { currentPassword: temporary, newPassword: who.password });
  await person.dispose();
  return created;
}
