import { BlockList, isIP } from "node:net";
import { z } from "zod";

/**
 * Which forwarded headers to believe. Next.js keeps a client's own `X-Forwarded-For` as it is
 * (it fills the header from the socket only when the client sent none), so the header alone says
 * nothing trustworthy; only the hops this setting names may speak for the client.
 */
export type TrustedProxies =
  | { kind: "none" }
  /** Exactly this many proxies sit in front of Steward, each appending the address it saw. */
  | { kind: "hops"; hops: number }
  /** Any peer inside these ranges is a proxy of ours. */
  | { kind: "cidrs"; ranges: string[]; list: BlockList };

const MAX_HOPS = 10;

/** `1.2.3.4`, `::1`, `::ffff:1.2.3.4` (→ `1.2.3.4`), `[::1]:443` and `1.2.3.4:80`; anything else is null. */
export function parseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s);
  if (mapped) s = mapped[1]!;
  if (isIP(s) === 0) return null;
  return isIP(s) === 6 ? s.toLowerCase() : s;
}

function parseRange(entry: string, list: BlockList): string {
  const [addr, bits, extra] = entry.split("/");
  const ip = parseAddress(addr);
  if (!ip || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  const family = isIP(ip) === 4 ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d{1,3}$/.test(bits ?? String(max)) || prefix > max) throw new Error(`"${entry}": the prefix length must be 0–${max}`);
  list.addSubnet(ip, prefix, family);
  return `${ip}/${prefix}`;
}

const setting = z
  .string()
  .trim()
  .transform((value, ctx): TrustedProxies => {
    if (value === "" || value === "none" || value === "0") return { kind: "none" };
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops > MAX_HOPS) {
        ctx.addIssue({ code: "custom", message: `at most ${MAX_HOPS} hops` });
        return z.NEVER;
      }
      return { kind: "hops", hops };
    }
    const list = new BlockList();
    try {
      const ranges = value
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean)
        .map((e) => parseRange(e, list));
      return { kind: "cidrs", ranges, list };
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  });

/** Parses STEWARD_TRUSTED_PROXIES; a bad value stops the server with a message naming the setting. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const parsed = setting.safeParse(value ?? "");
  if (!parsed.success) {
    throw new Error(
      `STEWARD_TRUSTED_PROXIES: ${parsed.error.issues[0]?.message}. Use a hop count (e.g. 1) or a comma-separated list of addresses or CIDR ranges (e.g. 10.0.0.0/8, ::1); leave it unset when nothing sits in front of Steward.`,
    );
  }
  return parsed.data;
}

let cached: { raw: string | undefined; value: TrustedProxies } | null = null;

/** The setting from the environment, parsed once per distinct value. */
export function trustedProxies(): TrustedProxies {
  const raw = process.env.STEWARD_TRUSTED_PROXIES;
  if (!cached || cached.raw !== raw) cached = { raw, value: parseTrustedProxies(raw) };
  return cached.value;
}

function isTrustedHop(address: string, proxies: TrustedProxies): boolean {
  if (proxies.kind !== "cidrs") return false;
  return proxies.list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/** Whether the peer that sent this request is a proxy whose forwarded headers count. */
export function peerIsTrusted(peer: string | null, proxies: TrustedProxies): boolean {
  if (proxies.kind === "none") return false;
  if (proxies.kind === "hops") return proxies.hops > 0;
  return peer !== null && isTrustedHop(peer, proxies);
}

/**
 * The client's address: the socket peer, or, behind trusted proxies, the nearest address in
 * `X-Forwarded-For` that no trusted proxy accounts for. Text that is not an IP address is never
 * returned, so a forged header cannot put `=2+5` in the audit trail.
 */
export function resolveClientIp(peer: string | null, forwardedFor: string | null, proxies: TrustedProxies): string | null {
  const socket = parseAddress(peer);
  if (!peerIsTrusted(socket, proxies) || !forwardedFor) return socket;
  const chain = forwardedFor.split(",").map((e) => e.trim());
  if (proxies.kind === "hops") {
    // The peer is the last of `hops` proxies; the other hops-1 appended their peers' addresses.
    const index = Math.max(chain.length - proxies.hops, 0);
    return parseAddress(chain[index]) ?? socket;
  }
  let client = socket;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = parseAddress(chain[i]);
    // A malformed entry ends the chain: whoever wrote it is not a proxy we trust.
    if (!hop) break;
    client = hop;
    if (!isTrustedHop(hop, proxies)) break;
  }
  return client;
}
