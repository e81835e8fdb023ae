/**
 * The address a request came from, as far as it can be trusted. With no
 * trusted proxy (TRUSTED_PROXY_HOPS=0) it is the socket's peer, set by our
 * patch to Next's server (patches/next+…) and never taken from the client.
 * Behind N proxies that each append to X-Forwarded-For, it is the N-th entry
 * from the right: everything left of it was written by the client.
 */
export function clientAddress(headers: Headers, trustedHops: number): string {
  const socket = headers.get("x-socket-address")?.trim() || "unknown";
  if (trustedHops <= 0) return normalise(socket);
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const entry = chain[chain.length - trustedHops];
  return normalise(entry && /^[0-9a-fA-F:.]{2,45}$/.test(entry) ? entry : socket);
}

/** IPv4-mapped IPv6 (::ffff:127.0.0.1) reads as the IPv4 address. */
function normalise(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1").slice(0, 64);
}

/** Header the proxy sets on every request (overwriting any a client sent). */
export const CLIENT_ADDRESS_HEADER = "x-client-address";
