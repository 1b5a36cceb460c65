import { createHash, randomBytes } from 'node:crypto';

/**
 * Keys are 32 random bytes, so a fast unsalted sha256 is enough to store them: there is nothing
 * to brute-force, and it lets us find a key by its hash in one indexed lookup.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newApiKeySecret(): { secret: string; prefix: string } {
  const secret = `pk_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 10) };
}

export function prefixOf(secret: string): string {
  return secret.slice(0, 10);
}
