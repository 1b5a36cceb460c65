import type { TSegmentRule } from '@persona/shared';

/** A rule in one line of plain words, for the segments list ("age ≥ 65 and locale is one of es-ES, es-MX"). */
export function describeRule(rule: TSegmentRule, nested = false): string {
  if ('not' in rule) return `not (${describeRule(rule.not, false)})`;
  if ('all' in rule || 'any' in rule) {
    const children = 'all' in rule ? rule.all : rule.any;
    const text = children.map((r) => describeRule(r, true)).join('all' in rule ? ' and ' : ' or ');
    return nested && children.length > 1 ? `(${text})` : text;
  }
  if ('eq' in rule) return `${rule.attr} = ${String(rule.eq)}`;
  if ('in' in rule) return `${rule.attr} is one of ${rule.in.slice(0, 5).map(String).join(', ')}${rule.in.length > 5 ? ', …' : ''}`;
  if ('gte' in rule) return `${rule.attr} ≥ ${rule.gte}`;
  if ('lte' in rule) return `${rule.attr} ≤ ${rule.lte}`;
  return `${rule.attr} contains ${String(rule.contains)}`;
}

/** A user's attributes in one short line for tables. */
export function describeAttributes(attributes: Record<string, unknown>, max = 4): string {
  const entries = Object.entries(attributes);
  const shown = entries
    .slice(0, max)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join('/') : String(value)}`)
    .join(' · ');
  return entries.length > max ? `${shown} · +${entries.length - max} more` : shown || '—';
}
