import sharp from 'sharp';
import { createRandom, seedFromText } from './deterministic-random.js';
import { isRecordedFile, type RecordedRequest } from './recorded-request.js';
import { errorAnswer, jsonAnswer, type ServerAnswer } from './server-answer.js';

/** Sizes the hosted models accept; any other model (a local server) takes any WxH. */
const SUPPORTED_SIZES: Record<string, readonly string[]> = {
  'gpt-image-1': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
  'gpt-image-1-mini': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
};
const GRID = 6;

interface ImageBody {
  prompt?: unknown;
  model?: unknown;
  size?: unknown;
  n?: unknown;
  response_format?: unknown;
  image?: unknown;
}

export async function answerImageGeneration(request: RecordedRequest): Promise<ServerAnswer> {
  const body = request.body as ImageBody;
  const checked = checkImageBody(body);
  if ('status' in checked) return checked;
  const images = await Promise.all(
    Array.from({ length: checked.n }, (_, index) =>
      renderPromptImage(`${checked.prompt}#${index}`, checked.width, checked.height),
    ),
  );
  return imagesAnswer(images, checked.model, checked.prompt);
}

export async function answerImageEdit(request: RecordedRequest): Promise<ServerAnswer> {
  const body = request.body as ImageBody;
  const checked = checkImageBody(body);
  if ('status' in checked) return checked;
  const source = Array.isArray(body.image) ? body.image[0] : body.image;
  if (!isRecordedFile(source)) return errorAnswer(400, "Missing required parameter: 'image'.", 'image');
  try {
    const images = await Promise.all(
      Array.from({ length: checked.n }, (_, index) =>
        editImage(source.data, `${checked.prompt}#${index}`, checked.width, checked.height),
      ),
    );
    return imagesAnswer(images, checked.model, checked.prompt);
  } catch {
    return errorAnswer(400, 'Invalid image file or mode for image 1, please check your image file.', 'image');
  }
}

/** A deterministic PNG for a prompt: a coloured grid whose colours come from the prompt's hash. */
export async function renderPromptImage(prompt: string, width: number, height: number): Promise<Buffer> {
  const random = createRandom(seedFromText(prompt));
  const pixels = Buffer.alloc(GRID * GRID * 3);
  for (let index = 0; index < pixels.length; index++) pixels[index] = Math.floor(random() * 256);
  return sharp(pixels, { raw: { width: GRID, height: GRID, channels: 3 } })
    .resize(width, height, { kernel: 'nearest', fit: 'fill' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The source image at the requested size, tinted with a colour taken from the prompt. */
async function editImage(source: Buffer, prompt: string, width: number, height: number): Promise<Buffer> {
  const random = createRandom(seedFromText(prompt));
  const tint = { r: Math.floor(random() * 256), g: Math.floor(random() * 256), b: Math.floor(random() * 256) };
  return sharp(source).resize(width, height, { fit: 'cover' }).tint(tint).png({ compressionLevel: 1 }).toBuffer();
}

function imagesAnswer(images: Buffer[], model: string, prompt: string): ServerAnswer {
  const gptImage = model.startsWith('gpt-image');
  return jsonAnswer({
    created: Math.floor(Date.now() / 1000),
    data: images.map((image) => ({
      b64_json: image.toString('base64'),
      ...(gptImage ? {} : { revised_prompt: `A test image of: ${prompt}` }),
    })),
    ...(gptImage ? { usage: { input_tokens: Math.ceil(prompt.length / 4), output_tokens: 272, total_tokens: 272 } } : {}),
  });
}

interface CheckedImageBody {
  prompt: string;
  model: string;
  width: number;
  height: number;
  n: number;
}

function checkImageBody(body: ImageBody): CheckedImageBody | ServerAnswer {
  if (typeof body.prompt !== 'string' || body.prompt === '') {
    return errorAnswer(400, "Missing required parameter: 'prompt'.", 'prompt');
  }
  const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
  const size = typeof body.size === 'string' ? body.size : model.startsWith('gpt-image') ? 'auto' : '1024x1024';
  const supported = SUPPORTED_SIZES[model];
  if (supported !== undefined && !supported.includes(size)) {
    return errorAnswer(400, `Invalid value: '${size}'. Supported values are: ${supported.join(', ')}.`, 'size');
  }
  if (model.startsWith('gpt-image') && body.response_format !== undefined) {
    return errorAnswer(400, "Unknown parameter: 'response_format'.", 'response_format');
  }
  if (body.response_format !== undefined && body.response_format !== 'b64_json') {
    return errorAnswer(400, "This test server only answers response_format 'b64_json'.", 'response_format');
  }
  const match = /^(\d+)x(\d+)$/.exec(size === 'auto' ? '1024x1024' : size);
  if (match === null) return errorAnswer(400, `Invalid value: '${size}'.`, 'size');
  const n = body.n === undefined ? 1 : Number(body.n);
  if (!Number.isInteger(n) || n < 1 || n > 10) return errorAnswer(400, "'n' must be between 1 and 10.", 'n');
  return { prompt: body.prompt, model, width: Number(match[1]), height: Number(match[2]), n };
}
