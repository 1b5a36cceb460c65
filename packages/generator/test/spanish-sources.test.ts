import { demoSegments, generateDemoDataset } from '@persona/demo-data';
import { describe, expect, it } from 'vitest';
import { buildTextRequest, checkGuardrails, writeTemplateText } from '../src/index.js';
import { detectLanguage } from '../src/guardrails/language-detector.js';
import { translationFor } from '../src/localized-source.js';
import { spanishPunctuationProblems } from '../src/text/spanish/spanish-punctuation.js';
import { inflesz, spanishEaseTarget } from '../src/text/spanish/spanish-readability.js';
import { splitSpanishSentences } from '../src/text/spanish/spanish-sentences.js';
import { spanishSyllables } from '../src/text/spanish/spanish-syllables.js';
import { measureSpanish } from '../scripts/spanish-quality.js';

const segments = demoSegments();
const spanishSegment = segments.find((segment) => segment.style.locale.startsWith('es'))!;

describe('Spanish text measures', () => {
  it('counts syllables as the RAE divides words: diphthongs, hiatus, silent u, final y', () => {
    const cases: Record<string, number> = { día: 2, ciudad: 2, país: 2, que: 1, guitarra: 3, pingüino: 3, hoy: 1, y: 1, aéreo: 4, leer: 2, caída: 3, buey: 1, huevo: 2, ración: 2, espaguetis: 4, chiita: 3 };
    for (const [word, syllables] of Object.entries(cases)) expect(spanishSyllables(word), word).toBe(syllables);
  });

  it('splits sentences at ¿…? and ¡…!, not after abbreviations or inside a figure', () => {
    expect(splitSpanishSentences('¿Tienes prisa? Esta versión tarda 20 minutos. El Sr. García lo prepara en aprox. 3 pasos. ¡Pruébalo! Cuesta 3.5 euros.')).toEqual([
      '¿Tienes prisa?',
      'Esta versión tarda 20 minutos.',
      'El Sr. García lo prepara en aprox. 3 pasos.',
      '¡Pruébalo!',
      'Cuesta 3.5 euros.',
    ]);
    expect(splitSpanishSentences('¿Vienes?, preguntó. Sí.')).toEqual(['¿Vienes?, preguntó.', 'Sí.']);
  });

  it('computes INFLESZ with the Szigriszt-Pazos formula', () => {
    // "La casa es azul." 4 words, 6 syllables (la, ca-sa, es, a-zul), 1 sentence: 206.835 − 62.3 × 6/4 − 4 = 109.385.
    expect(inflesz('La casa es azul.')).toBeCloseTo(206.835 - (62.3 * 6) / 4 - 4, 6);
    expect(spanishEaseTarget({ readingGrade: 8 })).toBe(60);
    expect(spanishEaseTarget({ readingGrade: 8, readingEase: 75 })).toBe(75);
  });

  it('finds unpaired inverted marks and a capital after a semicolon', () => {
    expect(spanishPunctuationProblems('¿Tienes prisa? ¡Vamos!')).toEqual([]);
    expect(spanishPunctuationProblems('Tienes prisa? Vamos')).toHaveLength(1);
    expect(spanishPunctuationProblems('¡Vamos allá')).toHaveLength(1);
    expect(spanishPunctuationProblems('Se cuece en 20 minutos; Todo listo.')).toHaveLength(1);
  });
});

describe('localized sources in the template engine', () => {
  const item = {
    title: 'Weeknight Bibimbap',
    body: 'Bibimbap comes from Jeonju. You need 300 g of rice and 200 g of spinach. Cook for 15 minutes.',
    category: 'recipes',
    tags: ['korean'],
    translations: {
      es: {
        title: 'Bibimbap entre semana',
        body: 'El bibimbap viene de Jeonju, y allí todavía se discute cada detalle. Necesitas 300 g de arroz y 200 g de espinacas. Cocina a fuego medio durante 15 minutos, hasta que el arroz del fondo quede crujiente.',
      },
    },
  };

  it('adapts the Spanish source for a Spanish segment, and checks it as Spanish', async () => {
    const content = writeTemplateText({ item, segment: spanishSegment });
    expect(content.title).toContain('Bibimbap entre semana');
    expect(content.body).toContain('300 g de arroz');
    expect(detectLanguage(content.body, 20)).toBe('spa');
    const { report } = await checkGuardrails({ content, source: item, segment: spanishSegment });
    const check = (name: string) => report.checks.find((entry) => entry.name === name)!;
    expect(check('locale').status).toBe('pass');
    expect(check('reading-grade').detail).toContain('INFLESZ');
    expect(check('grammar')).toMatchObject({ status: 'pass' });
    expect(check('grammar').detail).toContain('¿?');
    expect(check('faithfulness').status).toBe('pass');
  });

  it('falls back to English with a note where the item has no Spanish source', async () => {
    const { translations: _none, ...english } = item;
    const content = writeTemplateText({ item: english, segment: spanishSegment });
    expect(content.body).toContain('texto en inglés sencillo');
    expect(content.rationale).toContain('no source in es-ES');
    const { report } = await checkGuardrails({ content, source: english, segment: spanishSegment });
    expect(report.checks.find((entry) => entry.name === 'locale')?.status).toBe('warn');
  });

  it('fails the locale check when English is served for a locale the item has a source in', async () => {
    const { translations: _none, ...english } = item;
    const content = writeTemplateText({ item: english, segment: spanishSegment });
    const { report } = await checkGuardrails({ content, source: item, segment: spanishSegment });
    expect(report.checks.find((entry) => entry.name === 'locale')).toMatchObject({ status: 'fail' });
  });

  it('gives the openai engine the Spanish source for a Spanish segment, and the English one otherwise', () => {
    const spanishRequest = JSON.stringify(buildTextRequest({ item, segment: spanishSegment }).messages);
    expect(spanishRequest).toContain('Bibimbap entre semana');
    expect(spanishRequest).not.toContain('Bibimbap comes from Jeonju');
    const englishSegment = segments.find((segment) => segment.style.locale.startsWith('en'))!;
    expect(JSON.stringify(buildTextRequest({ item, segment: englishSegment }).messages)).toContain('Bibimbap comes from Jeonju');
  });

  it('picks the translation for a locale: exact tag, then the language, then a sibling region', () => {
    const translated = { ...item, translations: { 'es-MX': { title: 'MX', body: '' }, es: { title: 'ES', body: '' } } };
    expect(translationFor(translated, 'es-MX')?.[0]).toBe('es-MX');
    expect(translationFor(translated, 'es-ES')?.[0]).toBe('es');
    expect(translationFor({ ...item, translations: { 'es-MX': { title: 'MX', body: '' } } }, 'es-AR')?.[0]).toBe('es-MX');
    expect(translationFor(translated, 'fr-FR')).toBeNull();
  });
});

describe('the demo catalog in Spanish', () => {
  const items = generateDemoDataset({ users: 10, interactions: 10 }).items;

  it('gives every demo item a Spanish source in Spanish', () => {
    for (const item of items) {
      const spanish = item.translations.es;
      expect(spanish, item.externalId).toBeDefined();
      expect(detectLanguage(spanish!.body, 20), item.externalId).toBe('spa');
      expect(spanishPunctuationProblems(spanish!.body), item.externalId).toEqual([]);
      // Contractions Spanish requires: never "a el" or "de el".
      expect(spanish!.body, item.externalId).not.toMatch(/\b(?:a|de) el\b/);
    }
  });

  it('detects every Spanish-segment variant as Spanish and meets the INFLESZ target in at least 80 %', async () => {
    const figures = await measureSpanish(items, segments);
    expect(figures.withSpanishSource).toBe(items.length);
    expect(figures.detectedSpanish).toBe(figures.variants);
    expect(figures.failedGrammarOrLocale).toBe(0);
    // Measured: 702 of 720 (97.5 %) against the segment's INFLESZ 75. The issue asks for 80 %; the floor sits nearer the measure so a regression shows.
    expect(figures.readabilityMet / figures.variants).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
