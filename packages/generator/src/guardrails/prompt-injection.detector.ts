/**
 * Phrases that address a model rather than a reader. Item text is data: when it contains these,
 * the engines keep treating it as data and the report flags the item.
 */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(?:previous|prior|above|earlier|all|your|the)\b[^.!?\n]{0,20}\b(?:instructions?|prompts?|rules|directions|guidelines)\b/i,
  /\b(?:system|developer)\s+(?:prompt|message|instructions?)\b/i,
  /\byou\s+are\s+now\b/i,
  /\b(?:act|behave)\s+as\s+(?:an?\s+)?(?:different|new|unfiltered|jailbroken)\b/i,
  /\b(?:respond|reply|answer|output)\s+(?:only\s+)?(?:with|in)\s+(?:the\s+following|this|plain|raw|json|markdown|html)\b/i,
  /\bnew\s+instructions?\s*:/i,
  /<\/?\s*(?:system|assistant|user|item|instructions?)\s*>/i,
];

/** The instruction-like phrases found in a text (empty when none). */
export function findInstructionText(text: string): string[] {
  return INSTRUCTION_PATTERNS.flatMap((pattern) => {
    const match = pattern.exec(text);
    return match === null ? [] : [match[0]];
  });
}

export function containsInstructionText(text: string): boolean {
  return INSTRUCTION_PATTERNS.some((pattern) => pattern.test(text));
}
