import { toChatParams, toChatResult } from './chat-completion.mapper.js';
import type { PricingTable } from './cost-estimator.js';
import { LlmError, type BatchRequestLine, type BatchResultLine } from './llm-client.js';
import { toLlmError } from './llm-error.mapper.js';

export const BATCH_ENDPOINT = '/v1/chat/completions';

/** OpenAI's batch input: one `{custom_id, method, url, body}` JSON object per line. */
export function toBatchJsonl(
  lines: readonly BatchRequestLine[],
  defaultModel: string,
  maxTokensParam: 'max_completion_tokens' | 'max_tokens',
): string {
  if (lines.length === 0) throw new LlmError('bad_request', 'A batch needs at least one line');
  const ids = new Set(lines.map((line) => line.customId));
  if (ids.size !== lines.length) throw new LlmError('bad_request', 'Batch custom ids must be unique');
  return lines
    .map((line) =>
      JSON.stringify({
        custom_id: line.customId,
        method: 'POST',
        url: BATCH_ENDPOINT,
        body: toChatParams(line.request, line.request.model ?? defaultModel, maxTokensParam, true),
      }),
    )
    .join('\n');
}

interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
}

/**
 * Result lines of a batch output or error file, by custom id. A line that is not JSON or has no
 * custom id cannot be mapped back to its request and is left out; callers see its id missing.
 */
export function parseBatchResults(text: string, pricing: PricingTable | undefined): BatchResultLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((raw) => {
      const line = parseLine(raw);
      return line === undefined || typeof line.custom_id !== 'string' ? [] : [toResultLine(line.custom_id, line, pricing)];
    });
}

function toResultLine(customId: string, line: OutputLine, pricing: PricingTable | undefined): BatchResultLine {
  if (line.error) {
    return { customId, error: { code: String(line.error.code ?? 'error'), message: String(line.error.message ?? '') } };
  }
  const status = line.response?.status_code ?? 0;
  const body = line.response?.body;
  if (status !== 200) {
    const detail = (body as { error?: { message?: unknown; code?: unknown } } | undefined)?.error;
    return {
      customId,
      error: { code: String(detail?.code ?? `http_${status}`), message: String(detail?.message ?? `HTTP ${status}`) },
    };
  }
  try {
    const result = toChatResult(body, { messages: [], latencyMs: 0, structuredOutput: true, pricing, batch: true });
    return { customId, result };
  } catch (caught) {
    const error = toLlmError(caught);
    return { customId, error: { code: error.kind, message: error.message } };
  }
}

function parseLine(raw: string): OutputLine | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as OutputLine) : undefined;
  } catch {
    return undefined;
  }
}
