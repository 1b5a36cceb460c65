import type { TRole } from './workspace.js';

/**
 * Who may do what. `service` keys are for platform integrations: feed, events and users.
 * The API enforces it on every route; the studio reads it to hide what a key cannot do.
 */
export const Access = {
  read: ['admin', 'creator', 'viewer'],
  catalogWrite: ['admin', 'creator'],
  audienceWrite: ['admin', 'creator', 'service'],
  segmentWrite: ['admin', 'creator'],
  eventsWrite: ['admin', 'service'],
  admin: ['admin'],
  anyKey: ['admin', 'creator', 'service', 'viewer'],
  feed: ['admin', 'creator', 'service', 'viewer'],
  /** A feed preview logs nothing: for people looking at the studio, not for the integrations serving users. */
  feedPreview: ['admin', 'creator', 'viewer'],
} as const satisfies Record<string, readonly TRole[]>;
export type TAccess = keyof typeof Access;

export function roleMay(role: TRole, access: TAccess): boolean {
  return (Access[access] as readonly TRole[]).includes(role);
}
