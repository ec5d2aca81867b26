import { BlockList, isIP } from 'node:net';

export type Mode = 'local' | 'production';
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

// Ranges a webhook must never reach (SSRF): the bot's own host, the agency's internal network,
// cloud metadata endpoints (link-local) and addresses that are not routable on the internet.
const RANGES: Array<[AddressKind, string, number, 'ipv4' | 'ipv6']> = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', '0.0.0.0', 8, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['reserved', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['reserved', '::', 128, 'ipv6'],
  ['reserved', '64:ff9b::', 96, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'],
];

function buildLists(): Array<[AddressKind, BlockList]> {
  const lists = new Map<AddressKind, BlockList>();
  for (const [kind, network, prefix, family] of RANGES) {
    const list = lists.get(kind) ?? new BlockList();
    list.addSubnet(network, prefix, family);
    lists.set(kind, list);
  }
  return [...lists.entries()];
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:abcd:ef01) as its IPv4 form. */
function unmapIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,4}:?:ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:0{0,4}:){0,4}:?:ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const high = parseInt(hex[1] ?? '0', 16);
  const low = parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export interface AddressClassifier {
  classify(address: string): AddressKind;
}

export function createAddressClassifier(): AddressClassifier {
  const lists = buildLists();
  const classify = (address: string): AddressKind => {
    const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const mapped = unmapIpv4(bare);
    if (mapped !== undefined) return classify(mapped);
    const family = isIP(bare);
    if (family === 0) return 'reserved';
    const type = family === 4 ? 'ipv4' : 'ipv6';
    for (const [kind, list] of lists) if (list.check(bare, type)) return kind;
    return 'public';
  };
  return { classify };
}

/** Local mode may post to the developer's own machine; nothing may reach private networks. */
export function addressAllowed(kind: AddressKind, mode: Mode): boolean {
  return kind === 'public' || (kind === 'loopback' && mode === 'local');
}

export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowedHosts.some((pattern) =>
    pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern,
  );
}

/**
 * What can be checked without the network: scheme, credentials, the allow-list (production) and
 * literal IP addresses. Returns a problem for an administrator, or undefined.
 */
export function checkWebhookUrl(
  rawUrl: string,
  options: { mode: Mode; allowedHosts: readonly string[]; classifier: AddressClassifier },
): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'Invalid URL';
  }
  if (url.protocol !== 'https:' && (options.mode === 'production' || url.protocol !== 'http:')) {
    return 'must use https in production';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (options.mode === 'production' && !hostAllowed(host, options.allowedHosts)) {
    return `host "${host}" is not in forwarding.allowedHosts`;
  }
  const literal = isIP(host) !== 0 || unmapIpv4(host) !== undefined;
  const kind = literal
    ? options.classifier.classify(host)
    : host === 'localhost' || host.endsWith('.localhost')
      ? 'loopback'
      : 'public';
  if (!addressAllowed(kind, options.mode)) return `refers to a ${kind} address`;
  return undefined;
}
