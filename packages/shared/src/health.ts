import { z } from 'zod';

export const ZHealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const ZDependencyCheckSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  detail: z.string().optional(),
});

export const ZReadinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({ database: ZDependencyCheckSchema, redis: ZDependencyCheckSchema }),
  })
  .meta({ id: 'Readiness' });
export type TReadiness = z.infer<typeof ZReadinessSchema>;
