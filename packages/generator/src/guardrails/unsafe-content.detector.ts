import { LinkifyIt } from 'linkify-it';
import { firstMatch, keywordPattern, scanText, type KeywordPattern } from '../text/keyword-pattern.js';
import { findHiddenText, revealText } from './hidden-text.detector.js';

export type UnsafeKind = 'link' | 'contact' | 'markup' | 'sql' | 'shell' | 'template' | 'secret' | 'json' | 'encoded' | 'hidden';

export interface UnsafeFinding {
  kind: UnsafeKind;
  /** The offending text, shortened for a report. */
  text: string;
}

/**
 * Links of every form: with a scheme, `www.`, and bare domains (`cheap-pills.shop/now`). linkify-it's
 * fuzzy matching accepts a root zone from its list, so "Node.js" or "e.g." are not links; the
 * list gains the cheap zones spam favours. Emails are the PII check's (and blocked there).
 */
const LINKS = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: true }).tlds(
  ['ai', 'app', 'biz', 'click', 'club', 'dev', 'io', 'link', 'live', 'ly', 'online', 'site', 'store', 'top', 'xyz', 'win', 'bid', 'loan', 'work'],
  true,
);

/**
 * Everything but bare links, by kind, each with the keywords one of which any match holds. Each
 * pattern is written for what product copy never holds.
 */
const PATTERNS: readonly (readonly [UnsafeKind, KeywordPattern])[] = [
  ['link', keywordPattern(['javascript', 'vbscript', 'data', 'file', 'blob'], /\b(?:javascript|vbscript|data|file|blob):[^\s,;)]{0,40}[\w/(]/i)],
  ['link', keywordPattern([']('], /!?\[[^\]\n]{0,200}\]\(\s*[^)\s]+\s*\)/)],
  ['link', keywordPattern([']:'], /^\s*\[[^\]\n]{1,60}\]:\s*\S+/m)],
  ['contact', keywordPattern(['whatsapp', 'telegram', 'wechat', 'viber', 'snapchat', 'discord', 'skype'], /\b(?:whatsapp|telegram|wechat|viber|snapchat|discord|skype)\b[^.!?\n]{0,30}(?:@|\+?\d{3,}|\bat\b|\bon\b)/i)],
  ['contact', keywordPattern(['call', 'text', 'dm', 'message', 'email', 'mail', 'contact', 'ping'], /\b(?:call|text|dm|message|email|e-mail|contact|ping)\s+(?:us|me)\s+(?:at|on|via)\b/i)],
  ['contact', keywordPattern(['@'], /(?<![\p{L}\p{N}.@])@[A-Za-z0-9_]{3,30}\b/u)],
  ['markup', keywordPattern(['&'], /&(?:lt|#0*60|#x0*3c);\s*\/?\s*[a-z!]/i)],
  ['markup', keywordPattern(['<', '-->'], /<\/?(?:script|iframe|img|svg|object|embed|form|input|link|meta|style|a|body|html|base)\b|<!--|-->/i)],
  ['markup', keywordPattern(['onerror', 'onload', 'onclick', 'onmouseover', 'onfocus'], /\bon(?:error|load|click|mouseover|focus)\s*=/i)],
  ['sql', keywordPattern(['drop', 'truncate', 'alter'], /\b(?:drop|truncate|alter)\s+(?:table|database|schema|user)\b/i)],
  ['sql', keywordPattern(['delete', 'insert', 'union', 'exec', 'execute'], /\b(?:delete\s+from|insert\s+into|union\s+(?:all\s+)?select|exec(?:ute)?\s+xp_\w+)\b/i)],
  ['sql', keywordPattern(['select'], /\bselect\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)+|count\(\*\))\s+from\b/i)],
  ['sql', keywordPattern(['update'], /\bupdate\s+\w+\s+set\s+\w+\s*=/i)],
  ['sql', keywordPattern(['=', '--'], /'\s*(?:or|and)\s+'?\w+'?\s*=\s*'?\w+|'\s*;\s*--|;\s*--\s*$/im)],
  ['shell', keywordPattern(['rm', 'sudo', 'chmod', 'chown', 'mkfs', 'nc', 'powershell'], /\brm\s+-[a-z]*[rf]\b|\b(?:sudo|chmod|chown|mkfs|nc\s+-e|powershell(?:\.exe)?\s+-)\s*\S/i)],
  ['shell', keywordPattern(['curl', 'wget', '|', 'bin'], /\b(?:curl|wget)\s+(?:-{1,2}[a-z][\w-]*\s+)*(?:https?:|ftp:|[\w.-]+\/)|\|\s*(?:ba|z|da)?sh\b|\/bin\/(?:ba|z|da)?sh\b/i)],
  ['shell', keywordPattern(['$(', '`', 'eval', 'exec', 'system', 'subprocess', 'require', 'import'], /\$\([^)\n]{1,200}\)|`[^`\n]{2,200}`|\b(?:eval|exec|os\.system|subprocess\.\w+)\(|\b(?:require|import)\(\s*['"]/)],
  ['template', keywordPattern(['{', '<%'], /\$\{[^}\n]{0,200}\}|\{\{[^}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}|<%[=-]?[^%\n]{0,200}%>|\{\s*\$?[a-z_][\w.]*\s*\}/i)],
  ['secret', keywordPattern(['env', 'environ', '_', 'sk', 'pk', 'rk'], /\bprocess\.env\b|\bos\.environ\b|\bimport\.meta\.env\b|\$(?:env:)?[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|%[A-Z][A-Z0-9]*_[A-Z0-9_]+%|\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}|\b[A-Z][A-Z0-9]*_(?:API_)?(?:KEY|SECRET|TOKEN|PASSWORD)\b/)],
  ['json', keywordPattern(['{'], /\{\s*"[^"\n]{1,80}"\s*:|\[\s*\{\s*"|\{\s*'[^'\n]{1,80}'\s*:\s*['"\d[{]/)],
  ['encoded', keywordPattern(['\\', '%'], /(?:\\x[0-9a-f]{2}){3,}|(?:\\u[0-9a-f]{4}){3,}|(?:%[0-9a-f]{2}){4,}/i)],
];

/** Base64 of something: 24 or more characters with digits and both cases, no spaces. */
const BASE64_BLOB =
  /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/])/;

/**
 * Parts of a text no product copy holds: links, contact handles, code (SQL, shell, script),
 * template placeholders and environment-variable expressions, JSON, encoded blobs and hidden
 * characters. Phrases the creator put in the brief are blanked out by the caller first.
 */
export function findUnsafeContent(text: string): UnsafeFinding[] {
  const findings: UnsafeFinding[] = findHiddenText(text).map((description) => ({ kind: 'hidden' as const, text: description }));
  const revealed = revealText(text);
  const scan = scanText(revealed);
  // linkify-it's fuzzy search is costly over a whole text: it reads only the words that could be links.
  for (const candidate of linkCandidates(revealed, scan.linkHints)) {
    for (const link of LINKS.match(candidate) ?? []) findings.push({ kind: 'link', text: shorten(link.raw) });
  }
  for (const [kind, pattern] of PATTERNS) {
    const match = firstMatch(pattern, scan);
    if (match !== null) findings.push({ kind, text: shorten(match[0].trim()) });
  }
  const blob = scan.longestBase64Run >= 24 ? BASE64_BLOB.exec(revealed) : null;
  if (blob !== null) findings.push({ kind: 'encoded', text: shorten(blob[0]) });
  return findings;
}

export function containsUnsafeContent(text: string): boolean {
  return findUnsafeContent(text).length > 0;
}

/** The whitespace-delimited words around each link hint, once each. */
function linkCandidates(text: string, hints: readonly number[]): string[] {
  const candidates: string[] = [];
  let covered = -1;
  for (const hint of hints) {
    if (hint < covered) continue;
    const start = Math.max(text.lastIndexOf(' ', hint), text.lastIndexOf('\n', hint)) + 1;
    const end = text.slice(hint).search(/\s/);
    covered = end === -1 ? text.length : hint + end;
    candidates.push(text.slice(start, covered));
  }
  return candidates;
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}
