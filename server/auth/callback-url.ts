/**
 * Where sign-in and sign-out may send a browser afterwards: a page of Steward's own, never
 * another site. next-auth's default `redirect` callback throws on a malformed URL (an HTTP 500
 * with an empty body) and treats "//evil.example" as a path; these functions do neither.
 */

export const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"] as const;

// Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" or "/\t/evil.example"
// would leave the site; a local path has none of these and does not start with "//".
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const LOCAL_PATH = /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/;

/** A same-origin absolute URL for `url`, or `baseUrl` itself when `url` would leave the site or cannot be read. */
export function safeCallbackUrl(url: string, baseUrl: string): string {
  if (LOCAL_PATH.test(url)) return `${baseUrl}${url}`;
  try {
    const parsed = new URL(url);
    if (parsed.origin === new URL(baseUrl).origin && LOCAL_PATH.test(parsed.pathname)) return parsed.href;
  } catch {
    // not a URL at all: fall through to the home page
  }
  return baseUrl;
}

/**
 * True when next-auth would refuse `url` as a callback (a query parameter or cookie) with a
 * configuration error, an HTTP 500; mirrors its `isValidHttpUrl`, so the route can answer 400
 * first. Values it accepts are then narrowed to this site by safeCallbackUrl.
 */
export function isUnreadableCallbackUrl(url: string, baseUrl: string): boolean {
  try {
    return !/^https?:$/.test(new URL(url, url.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return true;
  }
}

/**
 * The 400 to answer instead of handing a request to next-auth, or null when its callbackUrl
 * parameter and cookie are both readable. A bad cookie is cleared so the next attempt works.
 */
export function refuseUnreadableCallbackUrl(req: Request): Response | null {
  const url = new URL(req.url);
  const param = url.searchParams.get("callbackUrl");
  if (param !== null && isUnreadableCallbackUrl(param, url.origin)) {
    return Response.json({ error: "callbackUrl: must be a path on this site, such as /catalog", field: "callbackUrl" }, { status: 400 });
  }
  const cookies = new Map(
    (req.headers.get("cookie") ?? "").split(";").map((pair) => {
      const i = pair.indexOf("=");
      return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()] as const;
    }),
  );
  for (const name of CALLBACK_URL_COOKIES) {
    const raw = cookies.get(name);
    if (raw === undefined) continue;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      value = raw;
    }
    if (isUnreadableCallbackUrl(value, url.origin)) {
      const res = Response.json({ error: `${name}: the cookie holds no usable address; it has been cleared, try again`, field: name }, { status: 400 });
      res.headers.append("set-cookie", `${name}=; Path=/; Max-Age=0${name.startsWith("__Secure-") ? "; Secure" : ""}`);
      return res;
    }
  }
  return null;
}
