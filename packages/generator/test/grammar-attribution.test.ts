import { demoSegments } from '@persona/demo-data';
import { describe, expect, it } from 'vitest';
import { checkGuardrails, type SourceItem } from '../src/index.js';

// The examples of issue #13: text the template engine wrote, that the guardrails passed.
const bibimbap: SourceItem = {
  title: 'Weeknight Bibimbap in 34 Minutes',
  body:
    'Bibimbap comes from Jeonju, and cooks there still argue about the details. Every ingredient here is a supermarket staple.\n\n' +
    'Start with 350 g of short-grain rice, 300 g of beef mince, 200 g of spinach and 45 ml of gochujang. Fry until the rice at the bottom of the pan turns crisp; from start to finish that is 34 minutes.\n\n' +
    'This is part 4 of 4 in our Bibimbap series.',
  category: 'recipes',
  tags: ['korean'],
};
const groceries: SourceItem = {
  title: 'The Grocery Budgeting Mistake Most People Make',
  body: 'The rule is simple: plan 5 dinners a week and shop once, with a list. The classic mistake is shopping while hungry, which raises spending by around 15 percent.',
  category: 'personal-finance',
  tags: ['budgeting'],
};
const parents = demoSegments().find((segment) => segment.name === 'Busy parents')!;
const good = {
  title: 'Weeknight Bibimbap in 34 Minutes, made easy',
  summary: 'You get the ingredients, times and temperatures for Weeknight Bibimbap in 34 Minutes, in short numbered steps.',
  body: 'Start with 350 g of short-grain rice, 300 g of beef mince, 200 g of spinach and 45 ml of gochujang.\nFrom start to finish that is 34 minutes.',
  cta: 'Give it a try and get cooking',
  rationale: 'Short steps.',
};

async function checked(source: SourceItem, changes: Partial<typeof good>) {
  const { report } = await checkGuardrails({ content: { ...good, ...changes }, source, segment: parents });
  return { report, check: (name: string) => report.checks.find((entry) => entry.name === name) };
}

describe('grammar guardrail', () => {
  it('passes a grammatical variant', async () => {
    const { check } = await checked(bibimbap, {});
    expect(check('grammar')).toMatchObject({ status: 'pass' });
    expect(check('attribution')).toMatchObject({ status: 'pass' });
  });

  it.each([
    ['a capital after a semicolon', { body: 'Bibimbap comes from Jeonju, and cooks there still argue about the details; Every ingredient here is a supermarket staple.' }, /semicolon-capital/],
    ['a dependent clause as a sentence', { body: 'Until the rice at the bottom of the pan turns crisp; from start to finish that is 34 minutes.' }, /fragment: "Until the rice/],
    ['a numbered label as a sentence', { body: 'Start with 350 g of short-grain rice.\nPart 4 of 4.' }, /fragment: "Part 4 of 4\."/],
    ['"if" with no main clause', { body: 'Start with 350 g of short-grain rice. If you missed part 3.' }, /fragment: "If you missed part 3\."/],
    ['two colons in the title', { title: 'Password Managers: Mistakes Even Experts Make: a simple guide' }, /more than one colon/],
    ['"a" before a vowel sound', { summary: 'A authoritative take: a entire dinner from 350 g of short-grain rice.' }, /article: "A authoritative".*article: "a entire"/],
  ])('fails %s', async (_, changes, detail) => {
    const { report, check } = await checked(bibimbap, changes);
    expect(check('grammar')?.status).toBe('fail');
    expect(check('grammar')?.detail).toMatch(detail);
    expect(report.status).toBe('fail');
  });
});

describe('attribution guardrail', () => {
  it('fails a figure moved to another noun: "spinach and 45 ml of gochujang, 200 g"', async () => {
    const { report, check } = await checked(bibimbap, { body: 'The figures at a glance: short-grain rice, 350 g; spinach and 45 ml of gochujang, 200 g.' });
    // Every number is in the source: faithfulness alone passes it.
    expect(check('faithfulness')?.status).toBe('pass');
    expect(check('attribution')?.status).toBe('fail');
    expect(check('attribution')?.detail).toMatch(/200 g measures spinach in the source, not gochujang/);
    expect(report.status).toBe('fail');
  });

  it('fails a relative clause hung from another clause: "…shop once; which raises spending by around 15 percent"', async () => {
    const { check } = await checked(groceries, {
      title: 'The Grocery Budgeting Mistake Most People Make',
      summary: 'The rule is simple.',
      body: 'Plan 5 dinners a week and shop once; which raises spending by around 15 percent.',
    });
    expect(check('faithfulness')?.status).toBe('pass');
    expect(check('attribution')?.status).toBe('fail');
    expect(check('attribution')?.detail).toMatch(/said of "The classic mistake is shopping while hungry"/);
  });

  it('passes the same figures where the source puts them, in other words', async () => {
    const { check } = await checked(groceries, {
      title: 'The Grocery Budgeting Mistake Most People Make',
      summary: 'The rule is simple.',
      body: 'Plan 5 dinners a week and shop once. The classic mistake is shopping while hungry, which raises spending by about 15 percent.',
    });
    expect(check('attribution')?.status).toBe('pass');
  });
});
