/** Longest title shown in a prompt; longer ones are cut at a word boundary. */
const MAX_TITLE_CHARS = 100;

/**
 * Item text is data from third parties: it is put on one line, stripped of anything that could
 * close or open the prompt's data fences or fake a role, and shortened.
 */
export function sanitizeForPrompt(text: string): string {
  let clean = text
    .replace(/<\/?\s*data\s*>/gi, ' ')
    .replace(/```/g, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length > MAX_TITLE_CHARS) {
    const cut = clean.slice(0, MAX_TITLE_CHARS);
    const space = cut.lastIndexOf(' ');
    clean = `${space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
  }
  return clean || '(untitled)';
}
