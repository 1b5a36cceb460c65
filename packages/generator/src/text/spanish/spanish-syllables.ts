/**
 * Spanish syllables, counted as the Real Academia Española's Ortografía (2010, §4.1) divides words:
 * one syllable per vowel nucleus. Two open vowels (a, e, o) side by side are a hiatus (two
 * nuclei); an open and a closed vowel (i, u) or two different closed vowels form a diphthong (one),
 * unless the closed one carries the accent ("día", "búho"), which makes a hiatus; three in a row
 * (closed, open, closed: "buey") are one. The "u" of "que", "qui", "gue", "gui" is silent; "ü" is
 * sounded. A final "y" after a vowel ("hoy", "muy") closes a diphthong; "y" alone is a syllable.
 * Why not a library: the one npm package for it ships its test runner as a runtime dependency.
 */
export function spanishSyllables(word: string): number {
  const letters = word.toLowerCase().normalize('NFC').replace(/[^a-záéíóúüñ]/g, '');
  if (letters === '') return 1;
  if (letters === 'y') return 1;
  let nuclei = 0;
  let previous: VowelKind | null = null;
  let previousChar = '';
  for (let index = 0; index < letters.length; index++) {
    const char = letters[index] ?? '';
    const kind = vowelKind(letters, index);
    if (kind === null) {
      previous = null;
      previousChar = char;
      continue;
    }
    if (previous === null || startsNewNucleus(previous, kind, previousChar, char)) nuclei++;
    previous = kind;
    previousChar = char;
  }
  return Math.max(1, nuclei);
}

type VowelKind = 'open' | 'closed' | 'stressed-closed';

function vowelKind(letters: string, index: number): VowelKind | null {
  const char = letters[index] ?? '';
  const next = letters[index + 1] ?? '';
  const before = letters[index - 1] ?? '';
  if ('aeoáéó'.includes(char)) return 'open';
  if (char === 'í' || char === 'ú') return 'stressed-closed';
  if (char === 'u' && (before === 'q' || before === 'g') && 'eiéí'.includes(next) && next !== '') return null;
  if (char === 'i' || char === 'u' || char === 'ü') return 'closed';
  // "y" is a vowel only at the end of a word after a vowel ("hoy", "rey"); elsewhere a consonant.
  if (char === 'y' && index === letters.length - 1 && index > 0 && 'aeiouáéíóú'.includes(before)) return 'closed';
  return null;
}

function startsNewNucleus(previous: VowelKind, current: VowelKind, previousChar: string, currentChar: string): boolean {
  if (previous === 'stressed-closed' || current === 'stressed-closed') return true;
  if (previous === 'open' && current === 'open') return true;
  // The same closed vowel twice ("chiita") is a hiatus; two different ones ("ciudad", "muy") a diphthong.
  if (previous === 'closed' && current === 'closed') return previousChar === currentChar;
  return false;
}
