// Minimal OpenID Connect provider for Steward's end-to-end tests (oidc-provider v9).
// Start: `node e2e/support/oidc-provider.mjs` (readiness: GET /healthz -> 200 "ok").
//
// Env: OIDC_TEST_PORT (4011), OIDC_TEST_CLIENT_ID (steward-e2e),
//      OIDC_TEST_CLIENT_SECRET (steward-e2e-secret-0123456789),
//      OIDC_TEST_REDIRECT_URI (http://localhost:3100/api/auth/callback/oidc; comma-separated list allowed).
// Issuer: http://127.0.0.1:<port>  (discovery: <issuer>/.well-known/openid-configuration)
//
// Login page (GET /interaction/:uid, our own HTML, NOT oidc-provider's devInteractions):
//   heading   <h1>Test identity provider</h1>     -> page.getByRole('heading', { name: 'Test identity provider' })
//   username  <input name="login">, label "Username" -> page.getByLabel('Username').fill('sso.steward')
//   password  <input name="password">, label "Password", any value (or empty) is accepted
//                                                  -> page.getByLabel('Password').fill('anything')
//   submit    button "Sign in"                      -> page.getByRole('button', { name: 'Sign in' }).click()
//   cancel    button "Cancel" -> redirects back to the app with error=access_denied
//   Unknown username: the form is re-rendered (HTTP 401) with role="alert" text "Unknown test user".
// The login form is shown on EVERY authorization request (no silent SSO re-login), so switching
// users in one browser context works; consequently prompt=none always fails with login_required.
// There is NO consent screen: consent for openid/email/profile is auto-granted (see loadExistingGrant),
// so the flow is: app -> /auth -> login form -> app callback (?code=...&state=...&iss=...).
//
// Test users (login name -> claims), all returned for scope "openid email profile" in the ID token
// and from /me (userinfo):
//   sso.steward -> sub sso-steward-1, sso.steward@example.test, "Sam Steward (SSO)", groups ["steward-group"]
//   sso.nobody  -> sub sso-nobody-1,  sso.nobody@example.test,  "Nia Nobody (SSO)",  groups []
import http from "node:http";
import { generateKeyPairSync } from "node:crypto";
import Provider, { interactionPolicy } from "oidc-provider";

const PORT = Number(process.env.OIDC_TEST_PORT || 4011);
const ISSUER = `http://127.0.0.1:${PORT}`;
const CLIENT_ID = process.env.OIDC_TEST_CLIENT_ID || "steward-e2e";
const CLIENT_SECRET = process.env.OIDC_TEST_CLIENT_SECRET || "steward-e2e-secret-0123456789";
const REDIRECT_URIS = (process.env.OIDC_TEST_REDIRECT_URI || "http://localhost:3100/api/auth/callback/oidc")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

const USERS = {
  "sso.steward": {
    sub: "sso-steward-1",
    email: "sso.steward@example.test",
    email_verified: true,
    name: "Sam Steward (SSO)",
    groups: ["steward-group"],
  },
  "sso.nobody": {
    sub: "sso-nobody-1",
    email: "sso.nobody@example.test",
    email_verified: true,
    name: "Nia Nobody (SSO)",
    groups: [],
  },
};
const bySub = new Map(Object.values(USERS).map((u) => [u.sub, u]));
const OIDC_SCOPES = "openid email profile";

// Fresh RS256 signing key per process (avoids oidc-provider's "dev keys" warning; tokens are
// only ever verified against this process's /jwks).
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "steward-e2e-rs256", alg: "RS256", use: "sig" };

// Always show the login form, even if a provider session cookie exists, so one browser context can
// sign in as different users in turn (only a login submitted in this very interaction counts).
const policy = interactionPolicy.base();
policy.get("login").checks.add(new interactionPolicy.Check("e2e_always_login", "the e2e provider asks for credentials on every authorization request", (ctx) => !ctx.oidc.result?.login));

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: REDIRECT_URIS,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      // oidc-provider treats client_secret_basic and client_secret_post as interchangeable for a
      // client registered with either, so both work at the token endpoint.
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    },
  ],
  jwks: { keys: [signingKey] },
  // Fixed keys => signed interaction/session cookies. Cookies are only marked Secure when the
  // request itself is https, so they work over plain http on 127.0.0.1.
  cookies: { keys: ["steward-e2e-cookie-key-not-secret"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  // Put scope-derived claims into the ID token too. The default (true) only returns them from
  // userinfo whenever an access token is issued, i.e. always for the code flow.
  conformIdTokenClaims: false,
  // PKCE is optional for this confidential client but S256 is still accepted/verified when sent.
  pkce: { required: () => false },
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // Explicit lifetimes (seconds) only to silence oidc-provider's "default ttl" notices.
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 86400, Grant: 86400 },
  async findAccount(ctx, sub) {
    const user = bySub.get(sub);
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ ...user }) };
  },
  // Auto-consent: always hand back a grant covering openid/email/profile for the logged-in user.
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    let grant = grantId ? await Grant.find(grantId) : undefined;
    if (!grant) {
      grant = new Grant({ accountId: ctx.oidc.account.accountId, clientId: ctx.oidc.client.clientId });
    }
    grant.addOIDCScope(OIDC_SCOPES);
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Error", `<h1>Error</h1><pre role="alert">${esc(JSON.stringify(out, null, 2))}</pre>`);
  },
});

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(title)}</title></head><body>${body}</body></html>`;

function loginPage(uid, { login = "", error = "" } = {}) {
  return page(
    "Test identity provider - Sign in",
    `<h1>Test identity provider</h1>
${error ? `<p role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}" autocomplete="off">
  <p><label for="login">Username</label> <input id="login" name="login" value="${esc(login)}" required autofocus></p>
  <p><label for="password">Password</label> <input id="password" name="password" type="password"></p>
  <p><button type="submit" name="action" value="login">Sign in</button>
     <button type="submit" name="action" value="abort" formnovalidate>Cancel</button></p>
</form>`,
  );
}

function send(res, status, body, type = "text/html; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

async function handleInteraction(req, res, uid) {
  // Reads the interaction from the `_interaction` cookie (path /interaction/:uid).
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, "interaction uid mismatch", "text/plain");

  if (details.prompt.name !== "login") {
    // Consent should never be prompted (auto-grant above); finish it defensively anyway.
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(OIDC_SCOPES);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
  }
  if (req.method === "GET") {
    return send(res, 200, loginPage(uid, { login: details.params.login_hint || "" }));
  }

  const form = await readForm(req);
  if (form.get("action") === "abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "End-User aborted interaction" }, { mergeWithLastSubmission: false });
  }
  const login = (form.get("login") || "").trim();
  const user = USERS[login];
  if (!user) return send(res, 401, loginPage(uid, { login, error: "Unknown test user" }));
  return provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

const providerHandler = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    const { pathname } = new URL(req.url, ISSUER);
    if (pathname === "/healthz") return send(res, 200, "ok", "text/plain");
    const m = /^\/interaction\/([\w-]+)$/.exec(pathname);
    if (m && (req.method === "GET" || req.method === "POST")) return await handleInteraction(req, res, m[1]);
    return providerHandler(req, res);
  } catch (err) {
    console.error("oidc test provider error:", err);
    if (!res.headersSent) send(res, 400, `${err.name}: ${err.error_description || err.message}`, "text/plain");
    else res.end();
  }
});

server.listen(PORT, "127.0.0.1", () => {
  console.log(`oidc test provider listening on ${ISSUER}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
