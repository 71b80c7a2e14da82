/**
 * Client IP handling. Route handlers never see the socket, so the entry server (server.ts)
 * computes the address and writes it into CLIENT_IP_HEADER, overwriting whatever a client sent.
 */
import { isIP } from "node:net";

export const CLIENT_IP_HEADER = "x-poc-manager-client-ip";

/**
 * The socket address, unless the operator runs behind `trustedHops` proxies: then the
 * address that many entries from the right of X-Forwarded-For (the last proxy appends the
 * address it saw). Entries further left are client-controlled and never trusted.
 */
export function computeClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trustedHops: number): string {
  const socketIp = normalizeIp(socketAddress ?? "") ?? "0.0.0.0";
  if (trustedHops <= 0 || !forwardedFor) return socketIp;
  const chain = forwardedFor.split(",").map((part) => part.trim()).filter(Boolean);
  const candidate = chain[chain.length - trustedHops];
  return (candidate && normalizeIp(candidate)) ?? socketIp;
}

function normalizeIp(value: string): string | null {
  const trimmed = value.startsWith("::ffff:") && isIP(value.slice(7)) === 4 ? value.slice(7) : value;
  return isIP(trimmed) ? trimmed : null;
}

export function clientIpFrom(headers: Headers): string | null {
  const value = headers.get(CLIENT_IP_HEADER);
  return value && isIP(value) ? value : null;
}
