import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './sdk-fixture.js';
import { isRecordedFile, renderPromptImage } from '../src/index.js';

const sdk = useTestServer();

const decode = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64');

describe('image generations', () => {
  it('answers a b64 PNG of the requested size, deterministic from the prompt', async () => {
    const first = await sdk.openai.images.generate({ model: 'gpt-image-1', prompt: 'lemon tart', size: '1536x1024' });
    const again = await sdk.openai.images.generate({ model: 'gpt-image-1', prompt: 'lemon tart', size: '1536x1024' });
    const other = await sdk.openai.images.generate({ model: 'gpt-image-1', prompt: 'beef stew', size: '1536x1024' });
    const image = decode(first.data?.[0]?.b64_json);
    expect(await sharp(image).metadata()).toMatchObject({ format: 'png', width: 1536, height: 1024 });
    expect(image.equals(decode(again.data?.[0]?.b64_json))).toBe(true);
    expect(image.equals(decode(other.data?.[0]?.b64_json))).toBe(false);
  });

  it('enforces the hosted models’ sizes and parameters, and takes any size for other models', async () => {
    await expect(sdk.openai.images.generate({ model: 'gpt-image-1', prompt: 'x', size: '1792x1024' })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(sdk.openai.images.generate({ model: 'gpt-image-1', prompt: 'x', response_format: 'b64_json' })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const dalle = await sdk.openai.images.generate({ model: 'dall-e-3', prompt: 'x', size: '1792x1024', response_format: 'b64_json' });
    expect(dalle.data?.[0]?.revised_prompt).toContain('x');
    const local = await sdk.openai.images.generate({ model: 'flux-local', prompt: 'x', size: '300x200' as '1024x1024', n: 2 });
    expect(local.data).toHaveLength(2);
    expect(await sharp(decode(local.data?.[1]?.b64_json)).metadata()).toMatchObject({ width: 300, height: 200 });
  });
});

describe('image edits', () => {
  it('takes a multipart image and answers an edited PNG of the requested size', async () => {
    const source = await renderPromptImage('source', 64, 64);
    const result = await sdk.openai.images.edit({
      model: 'gpt-image-1',
      image: await toFile(source, 'source.png', { type: 'image/png' }),
      prompt: 'make it warmer',
      size: '1024x1536',
    });
    expect(await sharp(decode(result.data?.[0]?.b64_json)).metadata()).toMatchObject({ width: 1024, height: 1536 });
    const body = sdk.server.requests[0]?.body as { image: unknown; prompt: string };
    expect(body.prompt).toBe('make it warmer');
    expect(isRecordedFile(body.image) && body.image.data.equals(source)).toBe(true);
  });

  it('rejects an image sharp cannot read', async () => {
    const edit = sdk.openai.images.edit({
      model: 'gpt-image-1',
      image: await toFile(Buffer.from('not an image'), 'bad.png', { type: 'image/png' }),
      prompt: 'x',
    });
    await expect(edit).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
