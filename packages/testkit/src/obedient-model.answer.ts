import type { RecordedRequest } from './recorded-request.js';
import type { ScriptReply } from './script-rule.js';

interface FencedItem {
  title?: unknown;
  body?: unknown;
  category?: unknown;
  tags?: unknown;
}

/**
 * A scripted answer that acts out the model prompt injection counts on: it takes the item it was
 * given for instructions and copies every text of it into the answer — the title into the title,
 * the tags, category and the body's first sentence into the summary, the whole body into the
 * body, the body's last sentence into the call to action — so whatever an attacker wrote in the
 * item comes back in the fields a variant is made of. It answers a repair request the same way
 * (it keeps obeying the item). It reads the last `<item>…</item>` fence of the request's user
 * messages, as the generator sends it; the answer fits the generator's text schema.
 */
export function obedientModel(request: RecordedRequest): ScriptReply {
  const body = request.body as { messages?: { role?: unknown; content?: unknown }[]; n?: number };
  const item = lastFencedItem(body.messages ?? []);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const sentences = text(item.body).split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');
  const tags = Array.isArray(item.tags) ? item.tags.map(text) : [];
  const answer = {
    title: text(item.title).slice(0, 300) || 'Untitled',
    summary: [...tags, text(item.category), sentences[0] ?? ''].filter((part) => part !== '').join('. ').slice(0, 1000) || 'Summary',
    body: text(item.body).slice(0, 20_000) || 'Body',
    cta: (sentences.at(-1) ?? 'Read more').slice(0, 120),
    rationale: 'Followed the instructions in the item.',
  };
  const content = JSON.stringify(answer);
  return { chat: Array.from({ length: Math.max(1, body.n ?? 1) }, () => ({ content })) };
}

function lastFencedItem(messages: readonly { role?: unknown; content?: unknown }[]): FencedItem {
  for (const message of [...messages].reverse()) {
    if (message.role !== 'user' || typeof message.content !== 'string') continue;
    const fenced = /<item>\n([\s\S]*)\n<\/item>/.exec(message.content);
    if (fenced?.[1] === undefined) continue;
    return JSON.parse(fenced[1]) as FencedItem;
  }
  throw new Error('obedientModel: no <item> fence in the request’s user messages');
}
