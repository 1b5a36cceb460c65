import { z } from 'zod';
import { ZIdSchema, ZTimestampSchema } from './common.js';
import { ZChannelFormatSchema } from './segment.js';
import { ZVariantKindSchema } from './variant.js';

export const ZGenerationEngineSchema = z.enum(['template', 'openai', 'openai-batch']);
export type TGenerationEngine = z.infer<typeof ZGenerationEngineSchema>;

export const ZGenerationJobStatusSchema = z.enum([
  'queued',
  'running',
  'completed',
  'failed',
  'canceled',
]);

export const ZGenerationJobCountsSchema = z.object({
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  pending: z.number().int(),
});

export const ZGenerationJobSchema = z
  .object({
    id: ZIdSchema,
    status: ZGenerationJobStatusSchema,
    engine: ZGenerationEngineSchema,
    kinds: z.array(ZVariantKindSchema),
    segmentIds: z.array(ZIdSchema),
    formats: z.array(ZChannelFormatSchema),
    autoApprove: z.boolean(),
    counts: ZGenerationJobCountsSchema,
    createdAt: ZTimestampSchema,
    updatedAt: ZTimestampSchema,
  })
  .meta({ id: 'GenerationJob' });
export type TGenerationJob = z.infer<typeof ZGenerationJobSchema>;
