import { countTokens as countO200kTokens } from 'gpt-tokenizer';
import type { ChatMessage } from './llm-client.js';

/** Special-token text in user content (`<|endoftext|>`) counts as plain text instead of throwing. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
/** Framing tokens OpenAI adds around each chat message, and to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/** Tokens of a text in the o200k_base encoding (GPT-4o, GPT-4.1, GPT-5, o-series); close enough for budgets elsewhere. */
export function countTokens(text: string): number {
  return countO200kTokens(text, PLAIN_TEXT);
}

/** Prompt tokens a chat request will be billed for, framing included. */
export function countChatTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce(
    (sum, message) => sum + TOKENS_PER_MESSAGE + countTokens(message.role) + countTokens(message.content),
    TOKENS_PER_REPLY,
  );
}
