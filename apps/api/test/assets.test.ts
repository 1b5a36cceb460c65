import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from './support/multipart.js';
import { pngBomb } from './support/png-bomb.js';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

function storedFiles(app: TestApp): string[] {
  const root = join(app.config.dataDir, 'assets');
  return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

describe.each(await availableDatabases())('assets (%s)', (kind) => {
  let app: TestApp;
  let jpeg: Buffer;
  let tiff: Buffer;
  beforeAll(async () => {
    app = await startTestApp(kind);
    jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();
    tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).tiff().toBuffer();
  });
  afterAll(() => app.close());

  const upload = (bytes: Buffer, type = 'image/jpeg') =>
    app.request({ method: 'POST', url: '/v1/assets', ...multipartFile(bytes, 'upload', type) });

  it('stores an image by content, dedupes re-uploads, and serves it with ETag and cache headers', async () => {
    const first = await upload(jpeg);
    expect(first.statusCode).toBe(201);
    const asset = first.json();
    expect(asset).toMatchObject({ format: 'jpeg', contentType: 'image/jpeg', width: 640, height: 480 });
    const again = await upload(jpeg);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(asset.id);

    const content = await app.request({ method: 'GET', url: asset.url });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(content.headers.etag).toBe(`"${asset.sha256}"`);
    expect(content.headers['cache-control']).toContain('immutable');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.raw.length).toBe(asset.bytes);
    const cached = await app.request({ method: 'GET', url: asset.url, headers: { 'if-none-match': `"${asset.sha256}"` } });
    expect(cached.statusCode).toBe(304);

    const item = await app.request({
      method: 'POST',
      url: '/v1/items',
      body: { title: 'With image', category: 'c', imageAssetId: asset.id },
    });
    expect(item.json().imageAssetId).toBe(asset.id);
  });

  it.each([
    ['a corrupt JPEG', () => Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(300, 7)]), 'IMAGE_INVALID', 422],
    ['a 20000×20000 PNG', () => pngBomb(20_000, 20_000), 'IMAGE_TOO_LARGE', 413],
    ['text pretending to be an image', () => Buffer.from('hello, I am not a picture'), 'IMAGE_INVALID', 422],
    ['an SVG (not on the allowlist)', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'IMAGE_FORMAT_NOT_ALLOWED', 415],
    ['an SVG behind blank lines and a BOM', () => Buffer.from('\ufeff\n  <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'IMAGE_FORMAT_NOT_ALLOWED', 415],
    ['a TIFF', () => tiff, 'IMAGE_FORMAT_NOT_ALLOWED', 415],
    ['a PNG signature on JPEG bytes', () => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), jpeg.subarray(8)]), 'IMAGE_INVALID', 422],
  ])('refuses %s with problem+json, quickly, and stores nothing', async (_name, bytes, code, status) => {
    const before = storedFiles(app).length;
    const started = performance.now();
    const res = await upload(bytes());
    const elapsed = performance.now() - started;
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    // Our words, not libvips' (which quote file internals such as "VipsJpeg: Premature end").
    expect(res.json().detail).not.toMatch(/vips|premature|marker|libpng|heif|svgload/i);
    // The code shows the bomb was refused from its header (decoding first would fail on the decoder's
    // own pixel limit, IMAGE_INVALID). The time bound only catches the pathological, with room for a
    // busy machine, where a refusal took 1.4 s.
    expect(elapsed).toBeLessThan(5000);
    expect(storedFiles(app).length).toBe(before);
  });

  /** A 40×30 photo whose EXIF says "turn a quarter" (orientation 6): displayed 30 wide, 40 high. */
  const PRIVATE = { IFD0: { Copyright: 'Jane Private', Artist: 'Jane Private' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' } };
  const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Private</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
  const photo = (format: 'jpeg' | 'png' | 'webp') =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86de' } })
      .composite([{ input: { create: { width: 10, height: 30, channels: 3, background: '#e74c3c' } }, left: 0, top: 0 }])
      .toFormat(format)
      .withExif(PRIVATE)
      .withMetadata({ orientation: 6 })
      .withXmp(XMP)
      .toBuffer();

  it.each(['jpeg', 'png', 'webp'] as const)(
    'strips EXIF, GPS and XMP from a %s on store and turns its pixels upright per EXIF orientation',
    async (format) => {
      const original = await photo(format);
      const before = await sharp(original).metadata();
      expect(before.orientation).toBe(6);
      expect(before.exif?.toString('latin1')).toContain('Jane Private');
      expect(before.xmp?.toString()).toContain('Jane Private');

      const res = await upload(original, `image/${format}`);
      expect(res.statusCode).toBe(201);
      const asset = res.json();
      expect(asset).toMatchObject({ format, width: 30, height: 40 });
      const stored = (await app.request({ method: 'GET', url: asset.url })).raw;
      expect(stored.equals(original)).toBe(false);
      const after = await sharp(stored).metadata();
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(stored.includes('Jane Private')).toBe(false);
      // The pixels themselves were turned: the red stripe that was on the left is now on top.
      expect({ width: after.width, height: after.height }).toEqual({ width: 30, height: 40 });
      const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3);
      expect(pixel(15, 2)[0]).toBeGreaterThan(180);
      expect(pixel(15, 35)[0]).toBeLessThan(100);
    },
  );

  it.each(['png', 'webp', 'avif', 'gif'] as const)('accepts a %s by its signature and stores it in the same format', async (format) => {
    const bytes = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#16a085' } }).toFormat(format).toBuffer();
    const res = await upload(bytes, `image/${format}`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ format, width: 20, height: 10 });
    const stored = (await app.request({ method: 'GET', url: res.json().url })).raw;
    const decoded = await sharp(stored).metadata();
    expect(decoded.format === 'heif' ? 'avif' : decoded.format).toBe(format);
  });

  it('keeps the file byte for byte with ?keepMetadata=true, reporting the displayed size', async () => {
    const original = await photo('jpeg');
    const res = await app.request({ method: 'POST', url: '/v1/assets?keepMetadata=true', ...multipartFile(original, 'photo.jpg', 'image/jpeg') });
    expect(res.statusCode).toBe(201);
    const asset = res.json();
    expect(asset).toMatchObject({ width: 30, height: 40, bytes: original.length });
    const stored = (await app.request({ method: 'GET', url: asset.url })).raw;
    expect(stored.equals(original)).toBe(true);
    const bad = await app.request({ method: 'POST', url: '/v1/assets?keepMetadata=yes', ...multipartFile(original, 'photo.jpg', 'image/jpeg') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.keepMetadata');
  });

  it('refuses a multipart body it cannot read with a typed 400', async () => {
    const res = await app.request({
      method: 'POST',
      url: '/v1/assets',
      payload: 'no boundary here',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses an upload over the byte limit with 413', async () => {
    const small = await startTestApp('pglite', { MAX_UPLOAD_BYTES: '1000' });
    try {
      const res = await small.request({ method: 'POST', url: '/v1/assets', ...multipartFile(jpeg, 'big.jpg', 'image/jpeg') });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      expect(storedFiles(small)).toEqual([]);
    } finally {
      await small.close();
    }
  }, 180_000); // starts an app of its own: 31 s once on a heavily loaded machine

  it('answers 404 for unknown assets', async () => {
    const res = await app.request({ method: 'GET', url: '/v1/assets/ast_missing/content' });
    expect(res.statusCode).toBe(404);
  });
});
