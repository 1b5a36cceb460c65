import type { z } from 'zod';
import type { ZEmojiPolicySchema, ZTextFormatSchema, ZToneSchema } from '@persona/shared';

export type TTone = z.infer<typeof ZToneSchema>;
export type TTextFormat = z.infer<typeof ZTextFormatSchema>;
export type TEmojiPolicy = z.infer<typeof ZEmojiPolicySchema>;
