/** What a reader notices about a card's text, measured here (not with the generator's guardrail code). */
export interface CardStyle {
  words: number;
  wordsPerSentence: number;
  format: 'steps' | 'bullets' | 'narrative';
}

const STEP_LINE = /^\s*(\d+[.)]|step\s+\d+)/i;
const BULLET_LINE = /^\s*[-•*]\s+/;

const LIST_MARKER = /^\s*(\d+[.)]|[-•*])\s+/gm;

export function measureCardStyle(body: string): CardStyle {
  const lines = body.split('\n');
  const format = lines.filter((l) => STEP_LINE.test(l)).length >= 2 ? 'steps' : lines.filter((l) => BULLET_LINE.test(l)).length >= 2 ? 'bullets' : 'narrative';
  const text = body.replace(LIST_MARKER, '');
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const sentences = Math.max(1, text.split(/[.!?]+(?:\s|$)|\n+/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length);
  return { words, wordsPerSentence: words / sentences, format };
}
