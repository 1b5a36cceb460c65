// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GuardrailComparison } from '../src/features/variants/guardrail-report.js';
import { WordDiff } from '../src/features/variants/word-diff.js';
import { changedWordCounts, sideOf, wordDiff } from '../src/features/variants/word-diff-parts.js';

afterEach(cleanup);

describe('word-level diff', () => {
  it('splits two texts into shared, removed and added words', () => {
    const parts = wordDiff('Cook the pasta for ten minutes.', 'Cook the fresh pasta for eight minutes.');
    expect(parts.filter((p) => p.change === 'removed').map((p) => p.text.trim())).toEqual(['ten']);
    expect(parts.filter((p) => p.change === 'added').map((p) => p.text.trim())).toEqual(['fresh', 'eight']);
    // Each side reads as its own text again.
    expect(sideOf(parts, 'left').map((p) => p.text).join('')).toBe('Cook the pasta for ten minutes.');
    expect(sideOf(parts, 'right').map((p) => p.text).join('')).toBe('Cook the fresh pasta for eight minutes.');
    expect(changedWordCounts(parts)).toEqual({ removed: 1, added: 2 });
  });

  it('does not count a change of spacing as a change of words', () => {
    const parts = wordDiff('Stir  gently.\nServe warm.', 'Stir gently. Serve warm.');
    expect(changedWordCounts(parts)).toEqual({ removed: 0, added: 0 });
  });

  it('shows both texts side by side, with removed words struck on the left and added words inserted on the right', () => {
    render(<WordDiff left="A calm, short recipe." right="A quick, short recipe for busy evenings." leftLabel="Seniors" rightLabel="Young adults" />);
    const [left, right] = screen.getAllByRole('figure');
    expect(within(left!).getByText('Seniors')).toBeTruthy();
    expect([...left!.querySelectorAll('del')].map((e) => e.textContent)).toEqual(['calm']);
    expect(left!.querySelectorAll('ins')).toHaveLength(0);
    expect([...right!.querySelectorAll('ins')].map((e) => e.textContent?.trim())).toEqual(['quick', 'for busy evenings']);
    expect(right!.querySelectorAll('del')).toHaveLength(0);
    expect(screen.getByText('1 word only in Seniors, 4 only in Young adults.')).toBeTruthy();
  });

  it('says when two texts are the same', () => {
    render(<WordDiff left="Same words." right="Same words." leftLabel="A" rightLabel="B" />);
    expect(screen.getByText('Identical.')).toBeTruthy();
    expect(document.querySelectorAll('ins, del')).toHaveLength(0);
  });
});

describe('guardrail checks before and after an edit', () => {
  it('lists every check with both statuses and marks the ones the edit changed', () => {
    render(
      <GuardrailComparison
        before={{ status: 'pass', checks: [{ name: 'unsafe-content', status: 'pass', detail: 'No links.' }, { name: 'length', status: 'warn', detail: 'Long.' }] }}
        after={{ status: 'fail', checks: [{ name: 'unsafe-content', status: 'fail', detail: 'A link: cheap-pasta.shop' }, { name: 'length', status: 'warn', detail: 'Long.' }] }}
      />,
    );
    const table = screen.getByRole('table', { name: 'Guardrail checks before and after the edit' });
    const unsafe = within(table).getByRole('row', { name: /unsafe-content/ });
    expect(unsafe.getAttribute('data-changed')).toBe('true');
    expect(within(unsafe).getByText('Pass')).toBeTruthy();
    expect(within(unsafe).getByText('Fail')).toBeTruthy();
    expect(within(unsafe).getByText('A link: cheap-pasta.shop')).toBeTruthy();
    expect(within(table).getByRole('row', { name: /length/ }).getAttribute('data-changed')).toBeNull();
  });
});
