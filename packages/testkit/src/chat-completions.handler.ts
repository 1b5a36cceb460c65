import { randomUUID } from 'node:crypto';
import { seedFromText } from './deterministic-random.js';
import { sampleJsonSchema } from './json-schema-sample.js';
import type { RecordedRequest } from './recorded-request.js';
import type { ScriptedChoice, ScriptReply } from './script-rule.js';
import { errorAnswer, jsonAnswer, type ServerAnswer } from './server-answer.js';
import { estimateChatPromptTokens, estimateTokens } from './token-estimate.js';

interface ChatBody {
  model: string;
  messages: { role?: unknown; content?: unknown }[];
  n?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: { type?: string; json_schema?: { name?: string; schema?: Record<string, unknown> } };
}

/**
 * Answers a chat completion: the scripted choices or chat fault when given, otherwise a
 * deterministic answer (JSON that validates against the requested json_schema, or text).
 */
export function answerChat(request: RecordedRequest, reply: ScriptReply | undefined): ServerAnswer {
  const body = parseChatBody(request.body);
  if (typeof body === 'string') return errorAnswer(400, body);
  const choices = chooseChoices(body, reply);
  return jsonAnswer(chatCompletion(body, choices));
}

function chooseChoices(body: ChatBody, reply: ScriptReply | undefined): ScriptedChoice[] {
  if (reply !== undefined && 'chat' in reply) return Array.isArray(reply.chat) ? reply.chat : [reply.chat];
  const defaults = defaultChoices(body);
  if (reply === undefined || !('fault' in reply)) return defaults;
  const first = defaults[0]?.content ?? '';
  switch (reply.fault.kind) {
    case 'malformed_content':
      return [{ content: `Here is the result: ${first.slice(0, Math.max(1, first.length - 2))}`, finishReason: 'stop' }];
    case 'truncated':
      return [{ content: first.slice(0, Math.floor(first.length / 2)), finishReason: 'length' }];
    case 'refusal':
      return [{ content: null, refusal: reply.fault.message ?? "I'm sorry, I can't help with that." }];
    case 'empty_choices':
      return [];
    default:
      return defaults;
  }
}

function defaultChoices(body: ChatBody): ScriptedChoice[] {
  const count = Math.max(1, Math.min(body.n ?? 1, 16));
  const limit = body.max_completion_tokens ?? body.max_tokens;
  return Array.from({ length: count }, (_, index) => {
    const content = defaultContent(body, index);
    // Like a real model, an answer longer than the token limit is cut off.
    if (limit !== undefined && estimateTokens(content) > limit) {
      return { content: content.slice(0, limit * 4), finishReason: 'length' as const };
    }
    return { content, finishReason: 'stop' as const };
  });
}

function defaultContent(body: ChatBody, index: number): string {
  const seed = seedFromText(`${JSON.stringify(body.messages)}#${index}`);
  const format = body.response_format;
  if (format?.type === 'json_schema' && format.json_schema?.schema !== undefined) {
    return JSON.stringify(sampleJsonSchema(format.json_schema.schema, seed));
  }
  const question = lastUserText(body).replace(/\s+/g, ' ').trim().slice(0, 120);
  if (format?.type === 'json_object') return JSON.stringify({ answer: `Test answer ${index + 1} to: ${question}` });
  return `Test answer ${index + 1} (seed ${seed.toString(16)}) to: ${question}`;
}

function chatCompletion(body: ChatBody, choices: ScriptedChoice[]): unknown {
  const schemaTokens = estimateTokens(JSON.stringify(body.response_format ?? ''));
  const promptTokens = estimateChatPromptTokens(body.messages) + (body.response_format ? schemaTokens : 0);
  const completionTokens = choices.reduce((sum, choice) => sum + estimateTokens(choice.content ?? choice.refusal ?? ''), 0);
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    system_fingerprint: 'fp_testkit',
    choices: choices.map((choice, index) => ({
      index,
      message: { role: 'assistant', content: choice.content ?? null, refusal: choice.refusal ?? null, annotations: [] },
      logprobs: null,
      finish_reason: choice.finishReason ?? 'stop',
    })),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function parseChatBody(raw: unknown): ChatBody | string {
  if (typeof raw !== 'object' || raw === null) return 'Request body must be a JSON object.';
  const body = raw as Partial<ChatBody>;
  if (typeof body.model !== 'string' || body.model === '') return "Missing required parameter: 'model'.";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array.";
  if ((raw as { stream?: unknown }).stream === true) return 'The test server does not stream; send stream: false.';
  const format = body.response_format;
  if (format?.type === 'json_schema' && typeof format.json_schema?.name !== 'string') {
    return "Missing required parameter: 'response_format.json_schema.name'.";
  }
  return body as ChatBody;
}

function lastUserText(body: ChatBody): string {
  const user = [...body.messages].reverse().find((message) => message.role === 'user');
  return typeof user?.content === 'string' ? user.content : '';
}
