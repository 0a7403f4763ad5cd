// 出站地址 outbound targets: the platform connects out only to public addresses (group robots, SMTP, SMS
// gateways) unless QINQING_OUTBOUND_ALLOW names the host or network. A name is resolved here, every address
// it resolves to is checked, and the connection goes to a checked address (no second lookup an attacker's
// DNS could answer differently); a webhook answering with a redirect is not followed.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { invalidField } from '../errors.ts';

/** QINQING_OUTBOUND_ALLOW parsed: host names (lower case) and networks that may be reached though not public. */
export interface OutboundAllow {
  hosts: readonly string[];
  networks: readonly { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[];
}

export const NO_OUTBOUND_ALLOW: OutboundAllow = { hosts: [], networks: [] };

/** Loopback, private, link-local, shared, documentation, multicast and other special-purpose ranges. */
const NON_PUBLIC: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.88.99.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, 255.255.255.255 included
  ['::', 96, 'ipv6'], // unspecified, loopback ::1, IPv4-compatible
  ['64:ff9b::', 96, 'ipv6'], // NAT64: reaches IPv4 addresses behind the gateway
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 23, 'ipv6'], // IETF protocol assignments, Teredo
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4: embeds an IPv4 address
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const nonPublic = new BlockList();
for (const [address, prefix, family] of NON_PUBLIC) nonPublic.addSubnet(address, prefix, family);

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1, written either way) as the IPv4 address it is. */
function unmapped(address: string): string {
  if (isIP(address) !== 6) return address;
  // The URL parser writes an IPv6 address in its one canonical form: ::ffff:7f00:1.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = parseInt(mapped[1]!, 16);
  const low = parseInt(mapped[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Whether an IP address is a public unicast address (not loopback, private, link-local or reserved). */
export function isPublicAddress(address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  if (family === 0) return false;
  return !nonPublic.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

function allowedNetworks(allow: OutboundAllow): BlockList {
  const list = new BlockList();
  for (const network of allow.networks) list.addSubnet(network.address, network.prefix, network.family);
  return list;
}

/** Why a target was refused: the code and the Chinese message a person acts on. */
export class OutboundRefused extends Error {
  readonly code = 'OUTBOUND_TARGET_REFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `出站地址被拒绝：${host}${host === address ? '' : `（解析为 ${address}）`} 是本机、内网、链路本地或保留地址；` +
        '如确需连接该地址，请由运维人员在环境变量 QINQING_OUTBOUND_ALLOW 中登记该主机或网段',
    );
  }
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The addresses `host` (a name or an IP literal, IPv6 with or without brackets) may be reached at: all of
 * them, each checked; throws OutboundRefused when any is not public and not allowed (a name resolving to
 * both a public and a private address is refused: the connection could go to either).
 */
export async function resolveOutbound(host: string, allow: OutboundAllow): Promise<CheckedAddress[]> {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const literal = isIP(name);
  const addresses: CheckedAddress[] = literal
    ? [{ address: name, family: literal as 4 | 6 }]
    : (await lookup(name, { all: true, verbatim: true })).map((entry) => ({
        address: entry.address,
        family: entry.family as 4 | 6,
      }));
  if (allow.hosts.includes(name)) return addresses;
  const allowed = allowedNetworks(allow);
  for (const { address } of addresses) {
    if (isPublicAddress(address)) continue;
    const plain = unmapped(address);
    if (allowed.check(plain, isIP(plain) === 4 ? 'ipv4' : 'ipv6')) continue;
    throw new OutboundRefused(name, address);
  }
  return addresses;
}

/** Answers the checked addresses instead of asking DNS again: the connection goes where the check looked. */
function pinnedLookup(addresses: readonly CheckedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [...addresses]);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

/**
 * Checks a URL given to be saved as an outbound target (a robot's webhook): refused when it names or
 * resolves to an address that is not public and not allowed. A name that does not resolve now is let
 * through (a robot's DNS may be down for a while): delivery checks again at send time.
 */
export async function checkOutboundUrl(target: string, allow: OutboundAllow): Promise<void> {
  try {
    await resolveOutbound(new URL(target).hostname, allow);
  } catch (error) {
    if (error instanceof OutboundRefused) throw error;
  }
}

/** checkOutboundUrl for a field of a request: 400 VALIDATION_FAILED naming the field, OUTBOUND_TARGET_REFUSED. */
export async function checkOutboundField(path: string, target: string, allow: OutboundAllow): Promise<void> {
  try {
    await checkOutboundUrl(target, allow);
  } catch (error) {
    if (error instanceof OutboundRefused) throw invalidField(path, error.code, error.message);
    throw error;
  }
}

/** The host of an outbound URL: what an answer may say of it (a webhook's path and query carry its key). */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** An outbound URL as an audit record keeps it: its origin, the path and key left out. */
export function redactedUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

export interface PostAnswer {
  status: number;
  text: string;
}

/**
 * POSTs a JSON body to an http(s) URL at a checked address. A redirect is not followed (its target would
 * escape the check): the answer is an error saying so.
 */
export function postJsonOutbound(
  target: string,
  body: unknown,
  allow: OutboundAllow,
  timeoutMs: number,
): Promise<PostAnswer> {
  return requestOutbound(target, Buffer.from(JSON.stringify(body)), allow, timeoutMs);
}

/** GETs an http(s) URL at a checked address (an API whose request is its signed query string). */
export function getOutbound(target: string, allow: OutboundAllow, timeoutMs: number): Promise<PostAnswer> {
  return requestOutbound(target, undefined, allow, timeoutMs);
}

/** One request to a checked address: a POST of a JSON payload, or a GET; redirects refused. */
async function requestOutbound(
  target: string,
  payload: Buffer | undefined,
  allow: OutboundAllow,
  timeoutMs: number,
): Promise<PostAnswer> {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`出站地址须为 http(s) 网址，而非 ${url.protocol}`);
  }
  const addresses = await resolveOutbound(url.hostname, allow);
  const answer = await new Promise<PostAnswer>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: payload ? 'POST' : 'GET',
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
          : {},
        lookup: pinnedLookup(addresses),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          // A robot answers a few bytes; keep no more than a little of anything larger.
          if (size < 64 * 1024) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
  if (answer.status >= 300 && answer.status < 400) {
    throw new Error(
      `HTTP ${answer.status}：对方要求重定向，出于安全不跟随重定向（重定向可能指向本机或内网地址）；请改用最终地址`,
    );
  }
  return answer;
}
