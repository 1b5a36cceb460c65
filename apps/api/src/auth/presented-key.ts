import type { IncomingHttpHeaders } from 'node:http';

/** `Bearer <token>`; the scheme is case-insensitive (RFC 7235 §2.1), so `bearer` and `BEARER` count too. */
const BEARER = /^bearer[ \t]+(\S.*)$/i;
const BASIC = /^basic[ \t]+(\S+)$/i;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The secret a request presents: `Authorization: Bearer <key>` or `x-api-key: <key>`. With
 * `basic`, also HTTP Basic auth whose password is the key (or whose user name is, when the
 * password is empty: `curl -u <key>:`), which is what a browser sends after a Basic challenge.
 * The /v1 guard, the queue board and the rate limiter all read keys here, so they cannot disagree.
 */
export function presentedKey(headers: IncomingHttpHeaders, options: { basic?: boolean } = {}): string | undefined {
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const bearer = BEARER.exec(authorization);
    if (bearer) return nonEmpty(bearer[1]);
    const basic = options.basic ? BASIC.exec(authorization) : null;
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      return nonEmpty(decoded.slice(colon + 1)) ?? nonEmpty(decoded.slice(0, colon));
    }
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' ? nonEmpty(apiKey) : undefined;
}
