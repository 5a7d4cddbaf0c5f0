import type { Request } from 'express';

/**
 * The client address used for per-address limits. It is `req.ip`, which express derives from
 * X-Forwarded-For only as far as the `trust proxy` setting allows (TRUST_PROXY: hop count or subnets;
 * unset = the socket peer), so a client cannot pick its own address by sending the header.
 * IPv4-mapped IPv6 (::ffff:1.2.3.4) is shortened to the IPv4 form.
 */
export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
