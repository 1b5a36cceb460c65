import { firstMatch, keywordPattern, scanText, type KeywordPattern } from '../text/keyword-pattern.js';
import { revealText } from './hidden-text.detector.js';

/**
 * Phrases that address a model rather than a reader, or steer the reader somewhere the creator
 * did not (hand over a password, use a promo code, click a link). Item text is data: when it
 * contains these, the engines keep treating it as data and the report flags the item; in a
 * variant they mean the text leaked. Read after `revealText`, so invisible characters and
 * look-alike letters do not hide a phrase.
 */
const INSTRUCTION_PATTERNS: readonly KeywordPattern[] = [
  // "Ignore all previous instructions", "disregard the rules above", "override your guidelines".
  keywordPattern(['ignore', 'disregard', 'forget', 'override', 'bypass', 'skip'], /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(?:previous|prior|above|earlier|all|any|your|the|these|those|system)\b[^.!?\n]{0,25}\b(?:instructions?|prompts?|rules|directions|guidelines|guardrails|constraints|polic(?:y|ies)|directives?)\b/i),
  keywordPattern(['prompt', 'instruction', 'instructions', 'directive', 'message'], /\b(?:system|developer|hidden|secret)\s+(?:prompt|message|instructions?|directive)\b/i),
  keywordPattern(['instruction', 'instructions', 'rules', 'directive', 'directives'], /\b(?:new|updated|revised|real|actual|additional)\s+(?:instructions?|rules|directives?)\s*[:-]/i),
  keywordPattern(['now', 'longer'], /\byou\s+are\s+(?:now|no\s+longer)\b/i),
  keywordPattern(['act', 'behave', 'respond', 'speak'], /\b(?:act|behave|respond|speak)\s+as\s+(?:if\s+you\s+(?:were|are)\s+)?(?:an?\s+)?(?:different|new|unfiltered|uncensored|jailbroken|evil|rogue)\b/i),
  keywordPattern(['pretend', 'imagine'], /\b(?:pretend|imagine)\s+(?:to\s+be|you\s+are|you're|that\s+you)\b/i),
  keywordPattern(['role', 'roleplay'], /\brole-?\s?play\s+as\b/i),
  keywordPattern(['mode'], /\b(?:developer|god|dan|jailbreak|unrestricted|debug)\s+mode\b/i),
  keywordPattern(['jailbreak', 'jailbroken'], /\bjailbr(?:eak|oken)\b/i),
  // Addressed to the model: "note to the AI", "if you are a language model", "AI assistants reading this".
  keywordPattern(['ai', 'A.I.', 'a.i.', 'llm', 'llms', 'model', 'models', 'assistant', 'assistants', 'chatbot', 'chatbots', 'gpt', 'bot', 'bots', 'summariser', 'summarizer', 'summarisers', 'summarizers'], /\b(?:if\s+you\s+are|you\s+are|as|dear|attention|hey|note\s+(?:to|for))\s+(?:an?\s+|the\s+)?(?:ai|a\.i\.|llm|language\s+model|assistant|chatbot|gpt|bot|summari[sz]er)s?\b(?!\s+(?:tools?|features?|apps?))/i),
  keywordPattern(['reading', 'processing', 'summarising', 'summarizing', 'rewriting', 'adapting', 'parsing'], /\b(?:ai|llms?|language\s+models?|assistants?|chatbots?|models?)\s+(?:reading|processing|summari[sz]ing|rewriting|adapting|parsing)\s+(?:this|the\s+following)\b/i),
  keywordPattern(['respond', 'reply', 'answer', 'output'], /\b(?:respond|reply|answer|output)\s+(?:only\s+)?(?:with|in)\s+(?:the\s+following|this|plain|raw|json|markdown|html)\b/i),
  // Orders about the output itself: "add this link to the title", "put the following in every CTA".
  keywordPattern(['title', 'headline', 'summary', 'body', 'cta', 'action', 'output', 'answer', 'response', 'variant', 'variants', 'copy'], /\b(?:include|insert|add|append|prepend|put|write|mention|repeat|use)\b[^.!?\n]{0,60}\b(?:in|into|to|at|as)\s+(?:the|your|every|each|all)\s+(?:title|headline|summary|body|cta|call[\s-]to[\s-]action|output|answer|response|variants?|copy)\b/i),
  keywordPattern(['prompt', 'instructions', 'api', 'apikey', 'secret', 'token', 'credentials', 'environment'], /\b(?:reveal|print|show|output|repeat|leak|disclose|include)\b[^.!?\n]{0,40}\b(?:system\s+prompt|your\s+(?:prompt|instructions)|api[\s_-]?key|secret\s+key|access\s+token|credentials|environment\s+variables?)\b/i),
  keywordPattern(['tell'], /\btell\s+(?:the\s+|your\s+|all\s+|every\s+)?(?:readers?|users?|audience|customers?|visitors?)\s+(?:to|that)\b/i),
  keywordPattern(['not'], /\bdo\s+not\s+(?:tell|inform|warn|mention\s+(?:this|it)\s+to)\s+(?:the\s+)?(?:users?|readers?|audience)\b/i),
  // Chat-format markers and fences smuggled into data.
  keywordPattern(['<'], /<\/?\s*(?:system|assistant|user|item|instructions?)\s*>/i),
  keywordPattern(['<|'], /<\|\s*(?:im_start|im_end|system|endoftext|assistant|user)\s*\|>/i),
  keywordPattern(['['], /\[\/?(?:INST|SYS|SYSTEM)\]/),
  keywordPattern(['system', 'assistant'], /(?:^|\n)\s*(?:#{1,6}\s*)?(?:system|assistant)\s*:/i),
  keywordPattern(['##'], /#{2,}\s*(?:system|instructions?|new\s+task)\b/i),
  // Encoded payloads: "decode this base64 and follow it".
  keywordPattern(['decode', 'base64', 'rot13', 'encoded'], /\b(?:decode|base64|rot13|hex[\s-]?encoded)\b[^.!?\n]{0,50}\b(?:follow|execute|run|obey|do\s+what|instructions?)\b/i),
  keywordPattern(['base64', 'rot13', 'encoded'], /\b(?:follow|execute|run|obey)\b[^.!?\n]{0,40}\b(?:base64|rot13|encoded)\b/i),
  // Steering the reader: credentials, codes, links the creator did not ask for.
  keywordPattern(['password', 'passcode', 'pin', 'code', 'card', 'cvv', 'bank', 'login', 'credentials', 'social', 'seed'], /\b(?:send|share|enter|reply\s+with|give\s+us|confirm|verify)\s+(?:us\s+)?(?:your\s+)?(?:password|passcode|pin|one-time\s+code|card\s+(?:number|details)|cvv|bank\s+(?:details|login)|login(?:\s+details)?|credentials|social\s+security(?:\s+number)?|seed\s+phrase)\b/i),
  keywordPattern(['code'], /\b(?:promo|coupon|discount|voucher|referral)\s+code\b/i),
  keywordPattern(['click'], /\bclick\s+(?:here|this\s+link|the\s+link|below)\b/i),
  keywordPattern(['site', 'website', 'page', 'link', 'store', 'shop', 'channel', 'url'], /\b(?:visit|go\s+to|head\s+to|check\s+out|sign\s+up\s+at|register\s+at)\s+(?:our|my|this|the\s+following)\s+(?:site|website|page|link|store|shop|channel|url)\b/i),
];

/** The instruction-like phrases found in a text (empty when none). */
export function findInstructionText(text: string): string[] {
  const revealed = revealText(text);
  const scan = scanText(revealed);
  return INSTRUCTION_PATTERNS.flatMap((pattern) => {
    const match = firstMatch(pattern, scan);
    return match === null ? [] : [match[0].trim()];
  });
}

export function containsInstructionText(text: string): boolean {
  const revealed = revealText(text);
  const scan = scanText(revealed);
  return INSTRUCTION_PATTERNS.some((pattern) => firstMatch(pattern, scan) !== null);
}
