import type { z } from 'zod';

/**
 * Plain words for the commonest form mistakes, instead of zod's developer-facing defaults
 * ("Too small: expected string to have >=1 characters"); anything else keeps zod's message.
 */
export const friendlyIssues: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => {
    if (issue.code === 'too_small' && issue.origin === 'string') return issue.minimum === 1 ? 'Required.' : `At least ${issue.minimum} characters.`;
    if (issue.code === 'too_big' && issue.origin === 'string') return `At most ${issue.maximum} characters.`;
    if (issue.code === 'too_big' && issue.origin === 'array') return `At most ${issue.maximum} entries.`;
    return undefined;
  },
};
