/**
 * What a reader of another language is told first when the template engine (which writes English
 * only) adapts an item for them: in their own language, that this is plain English and not yet a
 * translation. Written in lowercase inside brackets, so no word of it reads as a name the item
 * lacks; languages that capitalise nouns (German) would trip the faithfulness check and get none.
 */
const SECOND_LANGUAGE_NOTES: Record<string, string> = {
  es: '(texto en inglés sencillo; todavía no está traducido al español)',
  fr: '(texte en anglais simple ; pas encore traduit en français)',
  it: '(testo in inglese semplice; non ancora tradotto in italiano)',
  pt: '(texto em inglês simples; ainda não traduzido para o português)',
};

/** The template engine writes English only. */
export function writesLanguageOf(locale: string): boolean {
  return locale.toLowerCase().startsWith('en');
}

/** The reader-facing note for a locale the engine cannot write, or '' (English, or no note for that language). */
export function secondLanguageNote(locale: string): string {
  return writesLanguageOf(locale) ? '' : (SECOND_LANGUAGE_NOTES[locale.slice(0, 2).toLowerCase()] ?? '');
}
