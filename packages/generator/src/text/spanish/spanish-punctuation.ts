/**
 * What Spanish punctuation gets wrong when text is assembled by machine: a "?" or "!" without its
 * opening "¿" or "¡" (or the reverse), and a capital after a semicolon (two sentences glued; a
 * name may follow one, so `names` are let through). Each problem is returned with an excerpt.
 */
export function spanishPunctuationProblems(text: string, names: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const [open, close] of PAIRS) {
      let depth = 0;
      for (let index = 0; index < line.length; index++) {
        const char = line[index];
        if (char === open) depth++;
        else if (char === close) {
          if (depth === 0) problems.push(`"${close}" without "${open}": "${excerpt(line, index)}"`);
          else depth--;
        }
      }
      if (depth > 0) problems.push(`"${open}" never closed with "${close}": "${excerpt(line, line.lastIndexOf(open))}"`);
    }
    for (const match of line.matchAll(/;\s+(\p{Lu}[\p{L}]*)/gu)) {
      if (!names.has(match[1] ?? '')) problems.push(`capital after a semicolon: "${excerpt(line, match.index ?? 0)}"`);
    }
  }
  return problems;
}

const PAIRS = [
  ['¿', '?'],
  ['¡', '!'],
] as const;

function excerpt(line: string, at: number): string {
  return line.slice(Math.max(0, at - 30), at + 30).trim();
}
