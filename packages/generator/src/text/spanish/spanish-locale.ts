/** Whether a locale tag ("es", "es-MX", "ES-es") names Spanish. */
export function isSpanishLocale(locale: string): boolean {
  return /^es(?:$|[-_])/i.test(locale);
}
