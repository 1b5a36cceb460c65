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
  let current = text;
  // Escaped markup ("&lt;script&gt;") is turned back into characters after a pass: strip again until
  // nothing changes, so what was escaped in the input can never come out as a live tag.
  for (let pass = 0; pass < 4 && /[<>]/.test(current); pass++) {
    const stripped = sanitizeHtml(current, { allowedTags: [], allowedAttributes: {} }).replace(
      /&(?:amp|lt|gt|quot|#39);/g,
      (entity) => ESCAPED[entity] ?? entity,
    );
    if (stripped === current) break;
    current = stripped;
  }
  // A lone "<" or ">" in prose ("< 5 minutes") is escaped and restored: that is not a change.
  return { text: current, changed: current !== text };
}
