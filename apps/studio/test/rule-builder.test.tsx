// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { matchesRule, SEGMENT_RULE_LIMITS, ZSegmentRuleSchema, type TSegmentRule } from '@persona/shared';
import { RuleBuilder } from '../src/features/audience/rule-builder.js';
import { fromDsl, newCondition, newGroup, ruleTreeProblems, toDsl, type RuleGroup } from '../src/features/audience/rule-tree.js';

configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

/** The builder as the segment form holds it, reporting the DSL after every change. */
function renderBuilder(initial: RuleGroup = newGroup([newCondition()]), showProblems = false) {
  const seen: { tree: RuleGroup } = { tree: initial };
  function Harness() {
    const [tree, setTree] = useState(initial);
    seen.tree = tree;
    return <RuleBuilder value={tree} onChange={setTree} problems={ruleTreeProblems(tree)} showProblems={showProblems} />;
  }
  render(<Harness />);
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  return { seen, type, dsl: () => toDsl(seen.tree), click: (name: string) => fireEvent.click(screen.getByRole('button', { name })) };
}

describe('rule builder', () => {
  it('builds a nested rule from the keyboard-reachable controls and produces the DSL', () => {
    const b = renderBuilder();
    b.type('Attribute of condition 1', 'age');
    b.type('Operator of condition 1', 'gte');
    b.type('Value of condition 1', '65');
    b.click('Add group to the rule');
    // A new group starts as "any of these" with one empty condition.
    b.type('Attribute of condition 2.1', 'locale');
    b.type('Operator of condition 2.1', 'in');
    b.type('Value of condition 2.1', 'es-ES, es-MX');
    b.click('Add condition to group 2');
    b.type('Attribute of condition 2.2', 'interests');
    b.type('Operator of condition 2.2', '!contains');
    b.type('Value of condition 2.2', 'golf');
    b.click('Add group to group 2');
    b.type('Match for group 2.3', '!any');
    b.type('Attribute of condition 2.3.1', 'premium');
    b.type('Value of condition 2.3.1', 'true');

    const rule = b.dsl();
    expect(rule).toEqual({
      all: [
        { attr: 'age', gte: 65 },
        {
          any: [
            { attr: 'locale', in: ['es-ES', 'es-MX'] },
            { not: { attr: 'interests', contains: 'golf' } },
            { not: { any: [{ attr: 'premium', eq: true }] } },
          ],
        },
      ],
    });
    // What the builder makes is what the API accepts, and means what it says.
    expect(ZSegmentRuleSchema.safeParse(rule).success).toBe(true);
    expect(matchesRule(rule, { age: 70, locale: 'es-MX', premium: true })).toBe(true);
    expect(matchesRule(rule, { age: 70, locale: 'en-US', interests: ['golf'], premium: true })).toBe(false);
    // Counted as the API counts: every leaf, all, any and not is a part; the premium leaf sits 5 levels down.
    expect(screen.getByTestId('rule-size').textContent).toBe(`9 of ${SEGMENT_RULE_LIMITS.maxNodes} parts, 5 of ${SEGMENT_RULE_LIMITS.maxDepth} levels deep.`);
  });

  it('removes conditions and groups, renumbering the rest', () => {
    const b = renderBuilder(fromDsl({ any: [{ attr: 'a', eq: '1' }, { all: [{ attr: 'b', eq: 'x' }, { attr: 'c', lte: 3 }] }, { attr: 'd', eq: 'y' }] }));
    b.click('Remove condition 2.1');
    expect(b.dsl()).toEqual({ any: [{ attr: 'a', eq: 1 }, { all: [{ attr: 'c', lte: 3 }] }, { attr: 'd', eq: 'y' }] });
    b.click('Remove group 2');
    expect(b.dsl()).toEqual({ any: [{ attr: 'a', eq: 1 }, { attr: 'd', eq: 'y' }] });
    expect((screen.getByLabelText('Attribute of condition 2') as HTMLInputElement).value).toBe('d');
  });

  it('reads back any rule the API stores, negations included, to the same DSL', () => {
    const rules: TSegmentRule[] = [
      { any: [{ attr: 'locale', in: ['es-ES', 'es-MX'] }, { attr: 'country', eq: 'ES' }] },
      { all: [{ attr: 'age', gte: 18 }, { attr: 'age', lte: 29 }] },
      { not: { all: [{ attr: 'zip', eq: '007' }, { not: { attr: 'tags', contains: 'vip' } }] } },
    ];
    for (const rule of rules) expect(toDsl(fromDsl(rule))).toEqual(rule);
    // A single leaf comes back inside a group (same users: an "all" of one rule).
    expect(toDsl(fromDsl({ attr: 'age', gte: 65 }))).toEqual({ all: [{ attr: 'age', gte: 65 }] });
  });

  it('shows what is wrong on the field that is wrong', () => {
    renderBuilder(fromDsl({ all: [{ attr: '', eq: 'x' }, { attr: 'age', gte: 1 }, { any: [{ attr: 'locale', in: ['x'] }] }] }), true);
    fireEvent.change(screen.getByLabelText('Value of condition 2'), { target: { value: 'old' } });
    fireEvent.change(screen.getByLabelText('Value of condition 3.1'), { target: { value: ' , ' } });
    const attr = screen.getByLabelText('Attribute of condition 1');
    expect(attr.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(attr.getAttribute('aria-describedby')!)!.textContent).toBe('Required.');
    const value = screen.getByLabelText('Value of condition 2');
    expect(document.getElementById(value.getAttribute('aria-describedby')!)!.textContent).toBe('A number.');
    expect(screen.getByText('One or more values, separated by commas.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove condition 3.1' }));
    expect(screen.getByText('Add at least one condition to this group.')).toBeTruthy();
  });

  it('stops adding groups at the DSL depth limit and conditions at the size limit', () => {
    // A chain of groups one below the other, as deep as the builder allows.
    let tree = newGroup([newCondition('a')]);
    const b = renderBuilder(tree);
    let label = '';
    for (let level = 2; level < SEGMENT_RULE_LIMITS.maxDepth; level++) {
      b.click(label ? `Add group to group ${label}` : 'Add group to the rule');
      label = label ? `${label}.2` : '2';
    }
    expect((screen.getByRole('button', { name: `Add group to group ${label}` }) as HTMLButtonElement).disabled).toBe(true);
    // Every leaf filled in: the deepest rule the builder makes is still one the API accepts.
    tree = b.seen.tree;
    const fill = (group: RuleGroup): RuleGroup => ({
      ...group,
      children: group.children.map((c) => (c.kind === 'group' ? fill(c) : { ...c, attr: 'a', value: 'x' })),
    });
    const rule = toDsl(fill(tree));
    expect(ZSegmentRuleSchema.safeParse(rule).success).toBe(true);
    cleanup();

    const wide = newGroup(Array.from({ length: SEGMENT_RULE_LIMITS.maxChildren }, () => ({ ...newCondition('a'), value: 'x' })));
    renderBuilder(wide);
    expect((screen.getByRole('button', { name: 'Add condition to the rule' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
