import type { TRole } from '@persona/shared';

/** Who may do what. `service` keys are for platform integrations: feed, events and users. */
export const Access = {
  read: ['admin', 'creator', 'viewer'],
  catalogWrite: ['admin', 'creator'],
  audienceWrite: ['admin', 'creator', 'service'],
  segmentWrite: ['admin', 'creator'],
  eventsWrite: ['admin', 'service'],
  admin: ['admin'],
  anyKey: ['admin', 'creator', 'service', 'viewer'],
  feed: ['admin', 'creator', 'service', 'viewer'],
} as const satisfies Record<string, readonly TRole[]>;
