import { LinkifyIt } from 'linkify-it';
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

/** Everything but links, by kind. Each pattern is written for what a product text never holds. */
const PATTERNS: readonly (readonly [UnsafeKind, RegExp])[] = [
  ['link', /\b(?:javascript|vbscript|data|file|blob):[^\s,;)]{0,40}[\w/(]/i],
  ['link', /!?\[[^\]\n]{0,200}\]\(\s*[^)\s]+\s*\)/],
  ['link', /^\s*\[[^\]\n]{1,60}\]:\s*\S+/m],
  ['contact', /\b(?:whatsapp|telegram|wechat|viber|snapchat|discord|skype)\b[^.!?\n]{0,30}(?:@|\+?\d{3,}|\bat\b|\bon\b)/i],
  ['contact', /\b(?:call|text|dm|message|email|e-mail|contact|ping)\s+(?:us|me)\s+(?:at|on|via)\b/i],
  ['contact', /(?<![\p{L}\p{N}.@])@[A-Za-z0-9_]{3,30}\b/u],
  ['markup', /&(?:lt|#0*60|#x0*3c);\s*\/?\s*[a-z!]/i],
  ['markup', /<\/?(?:script|iframe|img|svg|object|embed|form|input|link|meta|style|a|body|html|base)\b|<!--|-->/i],
  ['markup', /\bon(?:error|load|click|mouseover|focus)\s*=/i],
  ['sql', /\b(?:drop|truncate|alter)\s+(?:table|database|schema|user)\b/i],
  ['sql', /\b(?:delete\s+from|insert\s+into|union\s+(?:all\s+)?select|exec(?:ute)?\s+xp_\w+)\b/i],
  ['sql', /\bselect\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)+|count\(\*\))\s+from\b/i],
  ['sql', /\bupdate\s+\w+\s+set\s+\w+\s*=/i],
  ['sql', /'\s*(?:or|and)\s+'?\w+'?\s*=\s*'?\w+|'\s*;\s*--|;\s*--\s*$/im],
  ['shell', /\brm\s+-[a-z]*[rf]\b|\b(?:sudo|chmod|chown|mkfs|nc\s+-e|powershell(?:\.exe)?\s+-)\s*\S/i],
  ['shell', /\b(?:curl|wget)\s+(?:-{1,2}[a-z][\w-]*\s+)*(?:https?:|ftp:|[\w.-]+\/)|\|\s*(?:ba|z|da)?sh\b|\/bin\/(?:ba|z|da)?sh\b/i],
  ['shell', /\$\([^)\n]{1,200}\)|`[^`\n]{2,200}`|\b(?:eval|exec|os\.system|subprocess\.\w+)\(|\b(?:require|import)\(\s*['"]/],
  ['template', /\$\{[^}\n]{0,200}\}|\{\{[^}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}|<%[=-]?[^%\n]{0,200}%>|\{\s*\$?[a-z_][\w.]*\s*\}/i],
  ['secret', /\bprocess\.env\b|\bos\.environ\b|\bimport\.meta\.env\b|\$(?:env:)?[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|%[A-Z][A-Z0-9]*_[A-Z0-9_]+%|\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}|\b[A-Z][A-Z0-9]*_(?:API_)?(?:KEY|SECRET|TOKEN|PASSWORD)\b/],
  ['json', /\{\s*"[^"\n]{1,80}"\s*:|\[\s*\{\s*"|\{\s*'[^'\n]{1,80}'\s*:\s*['"\d[{]/],
  ['encoded', /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/])|(?:\\x[0-9a-f]{2}){3,}|(?:\\u[0-9a-f]{4}){3,}|(?:%[0-9a-f]{2}){4,}/i],
];

/**
 * Parts of a text no product copy holds: links, contact handles, code (SQL, shell, script),
 * template placeholders and environment-variable expressions, JSON, encoded blobs and hidden
 * characters. Phrases the creator put in the brief are blanked out by the caller first.
 */
export function findUnsafeContent(text: string): UnsafeFinding[] {
  const findings: UnsafeFinding[] = findHiddenText(text).map((description) => ({ kind: 'hidden' as const, text: description }));
  const revealed = revealText(text);
  for (const link of LINKS.test(revealed) ? (LINKS.match(revealed) ?? []) : []) findings.push({ kind: 'link', text: shorten(link.raw) });
  for (const [kind, pattern] of PATTERNS) {
    const match = pattern.exec(revealed);
    if (match !== null) findings.push({ kind, text: shorten(match[0].trim()) });
  }
  return findings;
}

export function containsUnsafeContent(text: string): boolean {
  return findUnsafeContent(text).length > 0;
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}
