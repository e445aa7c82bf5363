import { BlockList, isIP, type LookupFunction } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { promisify } from "node:util";

/**
 * SSRF guard for webhook URLs. Addresses are classified with Node's own `net.BlockList` (no
 * dependency: it parses and compares IPv4 and IPv6 ranges, including IPv4-mapped IPv6 such as
 * `::ffff:127.0.0.1`, and is maintained with Node). The URL's host is checked when an endpoint is
 * registered, and again at delivery time inside the socket's DNS lookup, so a name that later
 * resolves to a private address (DNS rebinding) is refused at the moment of connecting.
 */
// Two lists: a BlockList compares an IPv4 address with its IPv6 rules as ::ffff:a.b.c.d, so the
// IPv4-mapped rule below would catch every IPv4 address if they shared one.
const PRIVATE_V4 = new BlockList();
const PRIVATE_V6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host on most systems
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const)
  PRIVATE_V4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  // IPv4-mapped and IPv4-compatible IPv6 are refused whole: a public service is never reached that way, and it is how filters that only look at IPv4 are usually bypassed.
  ["::ffff:0:0", 96],
  ["::", 96],
  ["64:ff9b:1::", 48], // local-use NAT64
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // old site-local
  ["ff00::", 8], // multicast
] as const)
  PRIVATE_V6.addSubnet(net, prefix, "ipv6");

/** Whether an IP address literal is loopback, private, link-local or otherwise not public. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true; // not an address: refuse rather than guess
  return family === 4 ? PRIVATE_V4.check(ip, "ipv4") : PRIVATE_V6.check(ip, "ipv6");
}

export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Checks what can be known from the URL alone: http(s), no credentials, an IP literal's range. */
export function checkUrlShape(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("Enter a full http:// or https:// address.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookTargetError("Only http:// and https:// addresses can receive webhooks.");
  if (url.username || url.password) throw new WebhookTargetError("Put no user name or password in the address; deliveries are signed instead.");
  const host = hostOf(url);
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw new WebhookTargetError(privateMessage(host));
  return url;
}

const privateMessage = (address: string) => `${address} is a loopback, private or link-local address; webhooks may only go there when an admin allows private targets on the Webhooks page.`;

const lookupAll = promisify(dnsLookup) as (host: string, opts: { all: true }) => Promise<LookupAddress[]>;

/** Registration-time check: the URL's shape, and every address its name resolves to now. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = checkUrlShape(raw, allowPrivate);
  const host = hostOf(url);
  if (allowPrivate || isIP(host)) return url;
  let addresses: LookupAddress[];
  try {
    addresses = await lookupAll(host, { all: true });
  } catch {
    throw new WebhookTargetError(`${host} does not resolve to an address.`);
  }
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) throw new WebhookTargetError(`${host} resolves to ${privateMessage(bad.address)}`);
  return url;
}

/**
 * A DNS lookup for the delivery socket that refuses private answers (unless allowed): the check
 * happens on the address actually connected to, not on an earlier resolution.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new WebhookTargetError(`${hostname} resolves to ${privateMessage(bad.address)}`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
