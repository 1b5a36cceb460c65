import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TSegmentRule } from '@persona/shared';

/**
 * Compiles a segment rule to a SQL predicate over a jsonb attributes column, with the same
 * semantics as `matchesRule` (tests check the two agree): a missing attribute matches nothing,
 * and every leaf is coalesced to false so that `not` of a missing attribute is true.
 */
export function ruleToSql(rule: TSegmentRule, attributes: AnyPgColumn): SQL {
  if ('all' in rule) return sql`(${sql.join(rule.all.map((r) => ruleToSql(r, attributes)), sql` and `)})`;
  if ('any' in rule) return sql`(${sql.join(rule.any.map((r) => ruleToSql(r, attributes)), sql` or `)})`;
  if ('not' in rule) return sql`(not ${ruleToSql(rule.not, attributes)})`;
  const value = sql`(${attributes} -> ${rule.attr})`;
  const scalarText = sql`(case when jsonb_typeof(${value}) in ('string', 'number', 'boolean') then ${value} #>> '{}' end)`;
  const number = sql`(case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end)`;
  let leaf: SQL;
  if ('eq' in rule) leaf = sql`${scalarText} = ${String(rule.eq)}`;
  else if ('in' in rule) leaf = sql`${scalarText} in (${sql.join(rule.in.map((v) => sql`${String(v)}`), sql`, `)})`;
  else if ('gte' in rule) leaf = sql`${number} >= ${rule.gte}`;
  else if ('lte' in rule) leaf = sql`${number} <= ${rule.lte}`;
  else {
    const needle = String(rule.contains);
    leaf = sql`(case jsonb_typeof(${value})
      when 'array' then exists (
        select 1 from jsonb_array_elements(${value}) as element
        where jsonb_typeof(element) in ('string', 'number', 'boolean') and element #>> '{}' = ${needle})
      when 'string' then strpos(lower(${value} #>> '{}'), lower(${needle})) > 0
      else false end)`;
  }
  return sql`coalesce(${leaf}, false)`;
}
