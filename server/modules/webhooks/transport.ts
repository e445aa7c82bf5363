import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkUrlShape, guardedLookup } from "./ssrf";

export interface PostResult {
  statusCode: number;
}

/**
 * POSTs one delivery with node:http(s) rather than fetch, because only there can the socket's DNS
 * lookup be replaced (ssrf.ts guardedLookup): the address checked is the address connected to.
 * IP-literal hosts skip DNS, so their range is checked here. Redirects are not followed (a 3xx is
 * a failure): following one would lead the request to an address nobody checked. The response
 * body is read and dropped, capped, so a receiver cannot make Steward hold a large answer.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = checkUrlShape(url, opts.allowPrivate);
    } catch (err) {
      return reject(err);
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Steward-Webhooks/1", ...headers },
        lookup: guardedLookup(opts.allowPrivate),
        timeout: opts.timeoutMs,
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) res.destroy();
        });
        res.on("end", () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on("close", () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on("error", () => resolve({ statusCode: res.statusCode ?? 0 }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs / 1000} s`)));
    req.on("error", (err) => reject(err.name === "AbortError" ? new Error(`no answer within ${opts.timeoutMs / 1000} s`) : err));
    req.end(body);
  });
}
