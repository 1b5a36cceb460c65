import type { TEmojiPolicy, TTextFormat, TTone } from './tone.types.js';

interface TonePhrases {
  /** Headline patterns around the item's own title; `{title}` is replaced. */
  headlines: readonly string[];
  /** The headline for a title that has a colon of its own: a headline carries one colon at most. */
  colonFreeHeadline: string;
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
    colonFreeHeadline: '{title}, one step at a time',
    opener: 'Here is what to know, one point at a time.',
    ctas: ['When you are ready, {action}', 'Take your time and {action}'],
  },
  warm: {
    headlines: ['{title}, made easy', '{title}, the friendly way'],
    colonFreeHeadline: '{title}, made easy',
    opener: 'Here is how to do it, with nothing left out.',
    ctas: ['Give it a try and {action}', 'Go on, {action} together'],
  },
  playful: {
    headlines: ['{title}, in short', '{title}, minus the boring bits'],
    colonFreeHeadline: '{title}, minus the boring bits',
    opener: 'The short version:',
    ctas: ['Save this and {action}', 'Send it to a friend, then {action}'],
  },
  authoritative: {
    headlines: ['{title}: the figures and the reasoning', '{title}: what the numbers say'],
    colonFreeHeadline: '{title}, with the figures',
    opener: 'The essentials, in order:',
    ctas: ['Read the full analysis and {action}', 'Weigh the figures, then {action}'],
  },
  energetic: {
    headlines: ['{title}: let us go', 'Ready? {title}'],
    colonFreeHeadline: 'Ready? {title}',
    opener: 'Here we go:',
    ctas: ['Start now and {action}', 'Jump in and {action}'],
  },
  plain: {
    headlines: ['{title}', '{title}: the key points'],
    colonFreeHeadline: '{title}',
    opener: 'The key points:',
    ctas: ['Read more and {action}', 'See the details and {action}'],
  },
};

/** What a reader of an item gets, by catalog category: the summary names it. */
const CATEGORY_CONTENTS: Record<string, string> = {
  recipes: 'the ingredients, times and temperatures',
  travel: 'the places, timings and costs',
  fitness: 'the sessions, distances and targets',
  'personal-finance': 'the figures and the rule to follow',
  gardening: 'the sowing dates, spacing and harvest times',
  tech: 'the setup steps, costs and mistakes to avoid',
};

const FORMAT_SHAPES: Record<TTextFormat, string> = {
  steps: 'in short numbered steps',
  bullets: 'as a quick list',
  narrative: 'in one short read',
};

/**
 * A summary that says what the reader gets ("You get the ingredients, times and temperatures for
 * Weeknight Bibimbap, in short numbered steps"), rather than the source's opening line.
 */
export function summaryLead(title: string, category: string, format: TTextFormat): string {
  const contents = CATEGORY_CONTENTS[category.toLowerCase()] ?? 'the key points';
  const shape = FORMAT_SHAPES[format];
  // A title with a question in it ("Is Router Security Worth It?") does not sit inside a sentence.
  return /[?!]/.test(title) ? `You get ${contents}, ${shape}.` : `You get ${contents} for ${title.replace(/[.]$/, '')}, ${shape}.`;
}

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
