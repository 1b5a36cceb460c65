import { tokenize } from '../recall/text-tokenizer.js';
import type { PromptCandidate } from './listwise-prompt.builder.js';

/** How much of a line's words must match a title for the line to name that candidate. */
const TITLE_MATCH_THRESHOLD = 0.6;
const MAX_REASON_CHARS = 140;

export interface ParsedRanking {
  /** Positions into the presented candidates, in the LLM's order; duplicates left for grounding. */
  positions: number[];
  /** Entries that named no candidate (hallucinated ids). */
  unknown: number;
  reasons: Map<number, string>;
  format: 'json' | 'prose';
}

/**
 * Reads a ranking out of an LLM answer: the structured JSON first (also inside code fences or
 * surrounded by prose), then prose line by line, where a line may name a candidate by id, by its
 * number in the list ("[3]", "#3", or a bare "3, 1, 2"), or by a fuzzily matched title.
 */
export function parseRankingAnswer(content: string, candidates: readonly PromptCandidate[]): ParsedRanking {
  const byId = new Map(candidates.map((c, i) => [c.shortId.toLowerCase(), i]));
  return parseJson(content, byId) ?? parseProse(content, candidates, byId);
}

function cleanReason(reason: unknown): string | undefined {
  if (typeof reason !== 'string') return undefined;
  const text = reason.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_REASON_CHARS) : undefined;
}

function parseJson(content: string, byId: Map<string, number>): ParsedRanking | undefined {
  const unfenced = content.replace(/```(?:json)?/gi, '');
  const start = unfenced.search(/[[{]/);
  if (start < 0) return undefined;
  const end = Math.max(unfenced.lastIndexOf('}'), unfenced.lastIndexOf(']'));
  let value: unknown;
  try {
    value = JSON.parse(unfenced.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value).find(Array.isArray)
      : undefined;
  if (!Array.isArray(list)) return undefined;
  const parsed: ParsedRanking = { positions: [], unknown: 0, reasons: new Map(), format: 'json' };
  for (const entry of list) {
    const raw = typeof entry === 'object' && entry !== null ? ((entry as Record<string, unknown>).id ?? (entry as Record<string, unknown>).item) : entry;
    const position = byId.get(String(raw).trim().toLowerCase());
    if (position === undefined) {
      parsed.unknown++;
      continue;
    }
    parsed.positions.push(position);
    const reason = typeof entry === 'object' && entry !== null ? cleanReason((entry as Record<string, unknown>).reason) : undefined;
    if (reason && !parsed.reasons.has(position)) parsed.reasons.set(position, reason);
  }
  // JSON naming no candidate at all (e.g. "[1]" inside prose) is not the structured answer.
  return parsed.positions.length > 0 ? parsed : undefined;
}

function parseProse(content: string, candidates: readonly PromptCandidate[], byId: Map<string, number>): ParsedRanking {
  const parsed: ParsedRanking = { positions: [], unknown: 0, reasons: new Map(), format: 'prose' };
  const idPattern = /\b[a-z][a-z0-9]{2}[0-9]\b/gi;
  const titleTokens = candidates.map((c) => new Set(tokenize(c.title)));
  for (const rawLine of content.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const ids = [...line.matchAll(idPattern)].map((m) => byId.get(m[0].toLowerCase())).filter((p) => p !== undefined);
    if (ids.length > 0) {
      parsed.positions.push(...ids);
      if (ids.length === 1) addReason(parsed, ids[0] as number, line);
      continue;
    }
    const body = line.replace(/^(\d+[.)]|[-*•])\s+/, '');
    const numbers = /^(?:(?:\[\d+\]|#\d+|\d+)[\s,;]*)+$/.test(body) ? [...body.matchAll(/\d+/g)].map((m) => Number(m[0]) - 1) : [];
    const inRange = numbers.filter((n) => n >= 0 && n < candidates.length);
    if (inRange.length > 0) {
      parsed.positions.push(...inRange);
      parsed.unknown += numbers.length - inRange.length;
      continue;
    }
    const referenced = /^(?:\[(\d+)\]|#(\d+)|candidate\s+(\d+))/i.exec(body);
    const reference = referenced ? Number(referenced[1] ?? referenced[2] ?? referenced[3]) - 1 : -1;
    if (reference >= 0 && reference < candidates.length) {
      parsed.positions.push(reference);
      addReason(parsed, reference, body);
      continue;
    }
    const match = bestTitleMatch(new Set(tokenize(body)), titleTokens);
    if (match >= 0) {
      parsed.positions.push(match);
      addReason(parsed, match, body);
    }
  }
  return parsed;
}

/** The candidate whose title words are best covered by the line, if coverage passes the threshold. */
function bestTitleMatch(lineTokens: Set<string>, titles: readonly Set<string>[]): number {
  let best = -1;
  let bestScore = TITLE_MATCH_THRESHOLD;
  titles.forEach((title, i) => {
    if (title.size === 0) return;
    let shared = 0;
    for (const token of title) if (lineTokens.has(token)) shared++;
    const score = shared / title.size;
    if (score >= bestScore && (best < 0 || score > bestScore)) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** Text after a dash or colon following the item is its reason ("k3x9 — because …"). */
function addReason(parsed: ParsedRanking, position: number, line: string): void {
  const reason = /\s[-–—:]\s+(.+)$/.exec(line)?.[1];
  const clean = cleanReason(reason);
  if (clean && !parsed.reasons.has(position)) parsed.reasons.set(position, clean);
}
