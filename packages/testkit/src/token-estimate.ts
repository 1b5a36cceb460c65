/** Roughly what a BPE tokenizer yields for English text (~4 characters per token). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** Chat prompts carry a few framing tokens per message, as OpenAI's accounting does. */
export function estimateChatPromptTokens(messages: readonly { content?: unknown }[]): number {
  return messages.reduce((sum, message) => sum + 4 + estimateTokens(contentText(message.content)), 3);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join(' ');
  }
  return '';
}
