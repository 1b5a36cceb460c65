import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedAssetUrl {
  url: string;
  expiresAt: Date;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: 'expired' | 'bad_signature' };

/**
 * Signs asset URLs an end user's browser loads without an API key: HMAC-SHA256 over the asset id
 * and the expiry (Unix seconds), base64url. Expiries are rounded up to the next multiple of the
 * TTL, so a URL stays the same for a whole TTL window (browsers and CDNs cache it) and is valid
 * for at least one TTL and at most two.
 */
export class AssetUrlSigner {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
    /** Absolute base (PUBLIC_API_URL) or '' for paths on the API. */
    private readonly baseUrl: string,
  ) {}

  sign(assetId: string, nowMs = Date.now()): SignedAssetUrl {
    const expires = (Math.floor(nowMs / 1000 / this.ttlSeconds) + 2) * this.ttlSeconds;
    const signature = this.signature(assetId, expires);
    return {
      url: `${this.baseUrl}/v1/content/${encodeURIComponent(assetId)}?exp=${expires}&sig=${signature}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  verify(assetId: string, expires: number, signature: string, nowMs = Date.now()): SignatureCheck {
    const expected = Buffer.from(this.signature(assetId, expires), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    // Compared in constant time; lengths differ only for signatures that were never ours.
    const matches = given.length === expected.length && timingSafeEqual(given, expected);
    if (!matches) return { valid: false, reason: 'bad_signature' };
    if (expires * 1000 < nowMs) return { valid: false, reason: 'expired' };
    return { valid: true };
  }

  private signature(assetId: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${assetId}\n${expires}`).digest('base64url');
  }
}

export const ASSET_URL_SIGNER = Symbol('ASSET_URL_SIGNER');
