import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode, PlatformError, ZAssetSchema } from '@persona/shared';
import { Access } from '../auth/access.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Contract } from '../contract/contract.decorator.js';
import { AssetsService } from './assets.service.js';

const ZAssetParams = z.object({ id: z.string().min(1) });
const ZUploadQuery = z.object({
  /** Store the file byte for byte, EXIF (GPS included) and XMP kept; by default they are stripped. */
  keepMetadata: z.enum(['true', 'false']).default('false'),
});

@Controller('v1/assets')
export class AssetsController {
  constructor(
    @Inject(AssetsService) private readonly assets: AssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Contract({
    summary:
      'Upload an image (multipart field "file"); validated with sharp, metadata stripped (unless keepMetadata=true), stored by sha256',
    roles: Access.catalogWrite,
    query: ZUploadQuery,
    rawBody: { contentTypes: ['multipart/form-data'], description: 'one file part: jpeg, png, webp, avif or gif' },
    response: ZAssetSchema,
    status: 201,
  })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() query: z.infer<typeof ZUploadQuery>,
  ) {
    if (!request.isMultipart()) {
      throw new PlatformError(ErrorCode.UnsupportedMediaType, 'Send the image as multipart/form-data with a "file" part.');
    }
    const bytes = await readFilePart(request, this.config.uploads.maxBytes);
    const keepMetadata = query.keepMetadata === 'true';
    const { asset, created } = await this.assets.storeImage(principal.workspaceId, bytes, { keepMetadata });
    if (!created) void reply.status(200);
    return asset;
  }

  @Get(':id')
  @Contract({ summary: 'Asset metadata', roles: Access.read, params: ZAssetParams, response: ZAssetSchema })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.assets.get(principal.workspaceId, id);
  }

  @Get(':id/content')
  @Contract({
    summary: 'Asset bytes, with ETag and long-lived cache headers (content never changes)',
    roles: Access.read,
    params: ZAssetParams,
    responseContentType: 'image/*',
  })
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const asset = await this.assets.get(principal.workspaceId, id);
    const etag = `"${asset.sha256}"`;
    void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const { stream } = await this.assets.open(principal.workspaceId, id);
    return reply
      .header('content-type', asset.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-length', String(asset.bytes))
      .send(stream);
  }
}

/**
 * The one file part of a multipart upload. A body the multipart parser cannot read (no boundary,
 * cut short) is the client's mistake: a typed 400, not the parser's error as a 500. Limit errors
 * keep their own codes (mapped to 413 by the problem filter).
 */
async function readFilePart(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  try {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!file) throw new PlatformError(ErrorCode.ValidationFailed, 'The multipart body has no file part.');
    return await file.toBuffer();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof PlatformError || (typeof code === 'string' && code.startsWith('FST_'))) throw error;
    throw new PlatformError(ErrorCode.ValidationFailed, 'The multipart body is malformed; send one "file" part.');
  }
}
