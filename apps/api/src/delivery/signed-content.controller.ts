import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode, PlatformError } from '@persona/shared';
import { Contract } from '../contract/contract.decorator.js';
import { FILE_STORE, type FileStore } from '../storage/file-store.js';
import { ASSET_URL_SIGNER, type AssetUrlSigner } from './asset-url.signer.js';
import { ServedAssetRepository } from './served-asset.repository.js';

const ZContentParams = z.object({ assetId: z.string().min(1).max(128) });
const ZContentQuery = z.object({
  exp: z.coerce.number().int().nonnegative(),
  sig: z.string().min(1).max(128),
});

/** Feed images for end users: no API key, a signed expiring URL instead (see AssetUrlSigner). */
@Controller('v1/content')
export class SignedContentController {
  constructor(
    @Inject(ASSET_URL_SIGNER) private readonly signer: AssetUrlSigner,
    @Inject(ServedAssetRepository) private readonly assets: ServedAssetRepository,
    @Inject(FILE_STORE) private readonly files: FileStore,
  ) {}

  @Get(':assetId')
  @Contract({
    summary: 'Image bytes behind a signed feed URL (no API key; 403 when the signature is wrong or expired)',
    roles: 'public',
    params: ZContentParams,
    query: ZContentQuery,
    responseContentType: 'image/*',
  })
  async content(
    @Param('assetId') assetId: string,
    @Query() query: z.infer<typeof ZContentQuery>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const check = this.signer.verify(assetId, query.exp, query.sig);
    if (!check.valid) {
      throw new PlatformError(
        ErrorCode.Forbidden,
        check.reason === 'expired' ? 'This image link has expired; ask the feed for a fresh one.' : 'This image link is not valid.',
      );
    }
    // The signature is the authorization: asset ids are unique across workspaces.
    const asset = await this.assets.find(assetId);
    if (!asset) throw new PlatformError(ErrorCode.NotFound, `Asset ${assetId} not found`);
    const etag = `"${asset.sha256}"`;
    const maxAge = Math.max(0, query.exp - Math.floor(Date.now() / 1000));
    void reply.header('etag', etag).header('cache-control', `public, max-age=${maxAge}, immutable`);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .header('content-type', asset.contentType)
      .header('content-length', String(asset.bytes))
      .send(await this.files.read(asset.sha256));
  }
}
