import type { CatalogItem, Interaction } from '../src/index.js';

const DAY = 86_400_000;
export const NOW = Date.UTC(2025, 5, 1);

function item(id: string, title: string, category: string, tags: string[], ageDays: number, body = ''): CatalogItem {
  return { id, title, body: body || `${title}. ${tags.join(' ')}`, category, tags, publishedAt: NOW - ageDays * DAY };
}

/**
 * A small catalog with two tastes (pasta cooks, trail runners), a three-part series, a brand-new
 * pasta item nobody has touched yet, and a hugely popular item everyone views.
 */
export const CATALOG: CatalogItem[] = [
  item('pasta-1', 'Fresh egg pasta by hand', 'recipes', ['pasta', 'italian'], 90),
  item('pasta-2', 'Cacio e pepe without clumps', 'recipes', ['pasta', 'italian'], 80),
  item('pasta-3', 'Slow ragu for Sunday pasta', 'recipes', ['pasta', 'italian', 'slow-cooking'], 70),
  item('pasta-new', 'Handmade pasta shapes: orecchiette and pici', 'recipes', ['pasta', 'italian'], 1),
  item('run-1', 'Your first trail run', 'fitness', ['running', 'trail'], 90),
  item('run-2', 'Hill repeats for trail runners', 'fitness', ['running', 'trail'], 85),
  item('run-3', 'Trail running shoes compared', 'fitness', ['running', 'gear'], 60),
  item('series-1', 'Budgeting basics, part 1: where money goes', 'finance', ['budget'], 60),
  item('series-2', 'Budgeting basics, part 2: the monthly plan', 'finance', ['budget'], 45),
  item('series-3', 'Budgeting basics, part 3: saving on autopilot', 'finance', ['budget', 'saving'], 30),
  item('viral', 'Ten kitchen hacks everyone shares', 'lifestyle', ['hacks'], 10),
];

export function interactionsFor(): Interaction[] {
  const events: Interaction[] = [];
  let clock = NOW - 40 * DAY;
  const add = (userId: string, itemId: string, type: Interaction['type'] = 'view') => {
    clock += 60_000;
    events.push({ userId, itemId, type, at: clock });
  };
  for (let u = 0; u < 12; u++) {
    const cook = `cook-${u}`;
    add(cook, 'pasta-1', 'like');
    add(cook, 'pasta-2');
    if (u % 2 === 0) add(cook, 'pasta-3', 'like');
    add(cook, 'viral');
    const runner = `runner-${u}`;
    add(runner, 'run-1');
    add(runner, 'run-2', 'like');
    if (u % 3 === 0) add(runner, 'run-3');
    add(runner, 'viral');
    const saver = `saver-${u}`;
    add(saver, 'series-1');
    if (u < 9) add(saver, 'series-2');
    if (u < 6) add(saver, 'series-3');
  }
  for (let u = 0; u < 30; u++) add(`casual-${u}`, 'viral');
  return events;
}
