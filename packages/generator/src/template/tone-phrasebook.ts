import type { TEmojiPolicy, TTone } from './tone.types.js';

interface TonePhrases {
  /** Headline patterns around the item's own title; `{title}` is replaced. */
  headlines: readonly string[];
  /** First line of a steps or bullets body; empty for none. */
  opener: string;
  /** Call to action patterns; `{action}` is the category's verb phrase. */
  ctas: readonly string[];
}

/**
 * The voice of each tone. Only framing words live here: every fact in a variant comes from the
 * item, so faithfulness never depends on this table.
 */
export const TONE_PHRASES: Record<TTone, TonePhrases> = {
  calm: {
    headlines: ['{title}: a simple guide', '{title}, one step at a time'],
    opener: 'Here is what to know, one step at a time.',
    ctas: ['When you are ready, {action}', 'Take your time and {action}'],
  },
  warm: {
    headlines: ['{title}, made easy', 'Something good for you: {title}'],
    opener: 'Here is how to do it, with nothing left out.',
    ctas: ['Give it a try and {action}', 'Go on, {action} together'],
  },
  playful: {
    headlines: ['The quick version: {title}', '{title}, minus the boring bits'],
    opener: 'The short version:',
    ctas: ['Save this and {action}', 'Send it to a friend, then {action}'],
  },
  authoritative: {
    headlines: ['{title}: the figures and the reasoning', '{title}: what the numbers say'],
    opener: 'The essentials, in order:',
    ctas: ['Read the full analysis and {action}', 'Weigh the figures, then {action}'],
  },
  energetic: {
    headlines: ['{title}: let us go', 'Ready? {title}'],
    opener: 'Here we go:',
    ctas: ['Start now and {action}', 'Jump in and {action}'],
  },
  plain: {
    headlines: ['{title}', '{title}: the key points'],
    opener: 'The key points:',
    ctas: ['Read more and {action}', 'See the details and {action}'],
  },
};

/** What the reader can do next, by catalog category. */
const CATEGORY_ACTIONS: Record<string, string> = {
  recipes: 'get cooking',
  travel: 'plan your trip',
  fitness: 'start your first session',
  'personal-finance': 'run your own numbers',
  gardening: 'start planting',
  tech: 'check your own setup',
};

const CATEGORY_EMOJI: Record<string, string> = {
  recipes: '🍽️',
  travel: '✈️',
  fitness: '💪',
  'personal-finance': '💰',
  gardening: '🌱',
  tech: '💻',
};

const BULLET_EMOJI = ['👉', '✅', '⭐', '🔥', '💡'] as const;

export function categoryAction(category: string): string {
  return CATEGORY_ACTIONS[category.toLowerCase()] ?? 'read the full story';
}

/** The emoji a headline carries under a policy: none, or the category's one. */
export function headlineEmoji(category: string, policy: TEmojiPolicy): string {
  return policy === 'none' ? '' : ` ${CATEGORY_EMOJI[category.toLowerCase()] ?? '✨'}`;
}

/** A bullet's marker: rich emoji policies get an emoji per line. */
export function bulletMarker(index: number, policy: TEmojiPolicy): string {
  return policy === 'rich' ? `- ${BULLET_EMOJI[index % BULLET_EMOJI.length]} ` : '- ';
}
