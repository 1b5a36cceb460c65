import { matchesRule, ZSegmentInputSchema, type TAttributes } from '@persona/shared';
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from '../src/index.js';

const { segments, users } = generateDemoDataset();
const byName = (fragment: string) => {
  const segment = segments.find((s) => s.name.includes(fragment));
  if (!segment) throw new Error(`no segment named like ${fragment}`);
  return segment;
};

describe('demo segments', () => {
  it('parse with the shared schema and have distinct names and priorities', () => {
    for (const segment of segments) expect(ZSegmentInputSchema.parse(segment)).toEqual(segment);
    expect(new Set(segments.map((s) => s.name)).size).toBe(segments.length);
    expect(new Set(segments.map((s) => s.priority)).size).toBe(segments.length);
  });

  it('each match a sensible share of the demo audience', () => {
    for (const segment of segments) {
      const matched = users.filter((u) => matchesRule(segment.rule, u.attributes as TAttributes)).length;
      const share = matched / users.length;
      expect(share, segment.name).toBeGreaterThan(0.03);
      expect(share, segment.name).toBeLessThan(0.5);
    }
  });

  it('target the intended users', () => {
    const matching = (fragment: string) => users.filter((u) => matchesRule(byName(fragment).rule, u.attributes as TAttributes));
    expect(matching('Seniors').every((u) => u.attributes.age >= 65)).toBe(true);
    expect(matching('Young').every((u) => u.attributes.age <= 29)).toBe(true);
    expect(matching('Spanish').every((u) => u.attributes.locale.startsWith('es-') || u.attributes.country === 'ES')).toBe(true);
  });

  it('have clearly different styles', () => {
    const seniors = byName('Seniors').style;
    const young = byName('Young').style;
    const experts = byName('Professionals').style;
    expect(seniors.visual.fontScale).toBeGreaterThanOrEqual(1.5);
    expect(seniors.readingGrade).toBeLessThanOrEqual(6);
    expect(seniors.emoji).toBe('none');
    expect(['calm', 'warm']).toContain(seniors.tone);
    expect(young.format).toBe('bullets');
    expect(young.emoji).not.toBe('none');
    expect(young.visual.channelFormats).toContain('story');
    expect(experts.readingGrade).toBeGreaterThan(seniors.readingGrade + 5);
    expect(experts.targetWords).toBeGreaterThan(seniors.targetWords * 2);
    expect(byName('Spanish').style.locale).toBe('es-ES');
    expect(new Set(segments.map((s) => `${s.style.tone}/${s.style.format}/${s.style.emoji}`)).size).toBe(segments.length);
  });
});
