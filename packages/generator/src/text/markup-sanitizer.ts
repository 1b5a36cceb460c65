import sanitizeHtml from 'sanitize-html';

/** sanitize-html re-escapes these in text; the platform stores plain text, so they are turned back. */
const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export interface SanitizedText {
  text: string;
  /** True when tags, scripts or styles were removed. */
  changed: boolean;
}

/**
 * Plain text from anything an item or an LLM may contain: every tag goes, and the content of
 * script, style and similar elements goes with it (sanitize-html drops their text by default).
 */
export function stripMarkup(text: string): SanitizedText {
  if (!/[<>]/.test(text)) return { text, changed: false };
  const stripped = sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} }).replace(
    /&(?:amp|lt|gt|quot|#39);/g,
    (entity) => ESCAPED[entity] ?? entity,
  );
  // A lone "<" or ">" in prose ("< 5 minutes") is escaped and restored: that is not a change.
  return { text: stripped, changed: stripped !== text };
}
