import type { SeededRandom } from '../seeded-random.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { capitalize, money, oneOf, countOf } from './text.helpers.js';

type Maths = 'growth' | 'payoff';

interface Topic extends CategorySubject {
  /** How the topic reads inside a sentence: "an emergency fund". */
  readonly phrase: string;
  readonly maths: Maths;
  /** Monthly amount (growth) or starting balance (payoff), in dollars. */
  readonly amount: readonly [number, number, number];
  /** Annual rate in percent. */
  readonly rate: readonly [number, number];
  readonly years: readonly [number, number];
  readonly institution: string;
  readonly rule: string;
  readonly pitfall: string;
}

const TOPICS: readonly Topic[] = [
  { name: 'Emergency Fund', phrase: 'an emergency fund', group: 'saving', maths: 'growth', tags: ['saving', 'emergency-fund', 'budgeting'], amount: [100, 400, 50], rate: [3.5, 4.8], years: [2, 3], institution: 'a high-yield savings account insured by the FDIC up to $250,000', rule: 'keep 3 to 6 months of essential spending in cash', pitfall: 'keeping the fund in your current account, where it quietly gets spent' },
  { name: 'The 50/30/20 Budget', phrase: 'the 50/30/20 budget', group: 'saving', maths: 'growth', tags: ['budgeting', 'saving'], amount: [150, 600, 50], rate: [3, 4.5], years: [3, 5], institution: 'a separate savings account opened for the purpose', rule: 'split take-home pay into 50 percent needs, 30 percent wants and 20 percent savings', pitfall: 'counting takeaway meals as needs' },
  { name: 'Sinking Funds', phrase: 'sinking funds', group: 'saving', maths: 'growth', tags: ['saving', 'budgeting', 'planning'], amount: [50, 250, 25], rate: [3, 4.5], years: [1, 2], institution: 'a savings account with named sub-pots', rule: 'divide every known annual bill by 12 and set that amount aside monthly', pitfall: 'forgetting irregular costs such as car servicing and birthdays' },
  { name: 'Grocery Budgeting', phrase: 'a grocery budget', group: 'saving', maths: 'growth', tags: ['budgeting', 'groceries', 'family'], amount: [60, 180, 20], rate: [3, 4], years: [1, 3], institution: 'a savings account that receives whatever you did not spend', rule: 'plan 5 dinners a week and shop once, with a list', pitfall: 'shopping while hungry, which raises spending by around 15 percent' },
  { name: 'Index Funds', phrase: 'index funds', group: 'investing', maths: 'growth', tags: ['investing', 'index-funds', 'long-term'], amount: [200, 800, 50], rate: [6, 8], years: [15, 30], institution: 'a low-cost fund tracking the S&P 500 or the FTSE All-World index', rule: 'keep fund fees below 0.20 percent a year', pitfall: 'selling after a 20 percent market fall' },
  { name: 'The Roth IRA', phrase: 'the Roth IRA', group: 'investing', maths: 'growth', tags: ['investing', 'retirement', 'tax'], amount: [250, 583, 50], rate: [6, 8], years: [20, 35], institution: 'a Roth IRA at a broker such as Vanguard, Fidelity or Charles Schwab', rule: 'contribute up to the $7,000 annual limit for 2024 if your income allows', pitfall: 'leaving contributions uninvested in the cash position' },
  { name: 'Stocks and Shares ISAs', phrase: 'a Stocks and Shares ISA', group: 'investing', maths: 'growth', tags: ['investing', 'uk', 'tax'], amount: [200, 1000, 100], rate: [5.5, 7.5], years: [10, 25], institution: 'a Stocks and Shares ISA, which shelters gains from HMRC', rule: 'use the £20,000 annual allowance before 5 April each year', pitfall: 'paying platform fees above 0.45 percent on a small pot' },
  { name: 'Dollar-Cost Averaging', phrase: 'dollar-cost averaging', group: 'investing', maths: 'growth', tags: ['investing', 'long-term', 'automation'], amount: [100, 500, 50], rate: [5, 7.5], years: [10, 20], institution: 'an automatic monthly purchase of a broad index fund', rule: 'invest the same amount on the same day every month', pitfall: 'pausing the plan when headlines turn negative' },
  { name: 'The Debt Avalanche', phrase: 'the debt avalanche', group: 'debt', maths: 'payoff', tags: ['debt', 'credit-cards', 'budgeting'], amount: [3000, 12000, 500], rate: [19, 27], years: [1, 1], institution: 'a spreadsheet listing every balance and its APR', rule: 'pay minimums on everything and throw every spare dollar at the highest APR', pitfall: 'opening new cards while paying off old ones' },
  { name: 'Mortgage Overpayments', phrase: 'mortgage overpayments', group: 'debt', maths: 'payoff', tags: ['mortgage', 'debt', 'housing'], amount: [150000, 320000, 10000], rate: [4, 6.5], years: [25, 30], institution: 'your lender, most of whom allow 10 percent overpayment a year without penalty', rule: 'check the early repayment charge before sending extra money', pitfall: 'overpaying before building an emergency fund' },
  { name: 'Student Loan Repayment', phrase: 'student loan repayment', group: 'debt', maths: 'payoff', tags: ['debt', 'student-loans', 'young-adults'], amount: [15000, 40000, 1000], rate: [4.5, 7], years: [10, 10], institution: 'the Federal Student Aid website at studentaid.gov', rule: 'compare the standard 10-year plan with income-driven plans before choosing', pitfall: 'refinancing federal loans privately and losing forgiveness options' },
  { name: 'Credit Scores', phrase: 'your credit score', group: 'debt', maths: 'payoff', tags: ['credit-score', 'debt', 'credit-cards'], amount: [1500, 6000, 500], rate: [20, 29], years: [1, 1], institution: 'free reports from Experian, Equifax and TransUnion', rule: 'keep credit utilisation under 30 percent of your limits', pitfall: 'closing your oldest card, which shortens your credit history' },
];

const ANGLES = ['explained', 'numbers', 'first-step', 'mistakes', 'couples', 'checklist'] as const;
type Angle = (typeof ANGLES)[number];

/** Future value of a monthly deposit with monthly compounding. */
function futureValue(monthly: number, annualRatePercent: number, years: number): number {
  const r = annualRatePercent / 100 / 12;
  const n = years * 12;
  return monthly * ((Math.pow(1 + r, n) - 1) / r);
}

/** Months to clear a balance with a fixed payment, and the interest paid on the way. */
function payoff(balance: number, annualRatePercent: number, payment: number): { months: number; interest: number } {
  const r = annualRatePercent / 100 / 12;
  const months = Math.ceil(-Math.log(1 - (r * balance) / payment) / Math.log(1 + r));
  return { months, interest: Math.max(0, payment * months - balance) };
}

function title(topic: Topic, angle: Angle): string {
  switch (angle) {
    case 'explained':
      return `${topic.name}, Explained Simply`;
    case 'numbers':
      return `${topic.name} by the Numbers`;
    case 'first-step':
      return `Your First Step with ${topic.name.replace(/^The /, 'the ')}`;
    case 'mistakes':
      return `The ${topic.name.replace(/^The /, '')} Mistake Most People Make`;
    case 'couples':
      return `${topic.name} for Couples and Families`;
    case 'checklist':
      return `A ${topic.name.replace(/^The /, '')} Checklist for This Month`;
  }
}

function mathsParagraph(topic: Topic, rng: SeededRandom): { text: string; headline: number; facts: Record<string, number> } {
  const [low, high, step] = topic.amount;
  const amount = rng.stepped(low, high, step);
  const rate = Math.round((topic.rate[0] + rng.next() * (topic.rate[1] - topic.rate[0])) * 10) / 10;
  if (topic.maths === 'growth') {
    const years = rng.int(topic.years[0], topic.years[1]);
    const value = Math.round(futureValue(amount, rate, years));
    const contributed = amount * 12 * years;
    const text = oneOf(rng, [
      () => `Put ${money(amount, '$')} a month into ${topic.institution} at ${rate} percent a year, and after ${countOf(years, 'years')} you have about ${money(value, '$')}. You paid in ${money(contributed, '$')}; the rest, ${money(value - contributed, '$')}, is interest.`,
      () => `Here is the maths: ${money(amount, '$')} every month for ${countOf(years, 'years')}, compounding at ${rate} percent, grows to roughly ${money(value, '$')}. Only ${money(contributed, '$')} of that came from you.`,
      () => `At ${rate} percent, a steady ${money(amount, '$')} a month becomes about ${money(value, '$')} in ${countOf(years, 'years')}. The vehicle matters: use ${topic.institution}.`,
    ]);
    return { text, headline: value, facts: { amount, rate, years, value, contributed } };
  }
  const minimumShare = topic.years[0] > 5 ? 1 : 0.03;
  const basePayment = topic.years[0] > 5 ? amount * ((rate / 1200) / (1 - Math.pow(1 + rate / 1200, -topic.years[0] * 12))) : amount * minimumShare + 25;
  const payment = Math.ceil(basePayment / 10) * 10;
  const extra = topic.years[0] > 5 ? rng.stepped(100, 400, 50) : rng.stepped(150, 400, 50);
  const slow = payoff(amount, rate, payment);
  const fast = payoff(amount, rate, payment + extra);
  const saved = Math.round(slow.interest - fast.interest);
  const text = oneOf(rng, [
    () => `Take a balance of ${money(amount, '$')} at ${rate} percent APR. Paying ${money(payment, '$')} a month clears it in ${slow.months} months; adding ${money(extra, '$')} a month cuts that to ${fast.months} months and saves about ${money(saved, '$')} in interest.`,
    () => `With ${money(amount, '$')} owed at ${rate} percent, ${money(payment, '$')} a month takes ${slow.months} months. An extra ${money(extra, '$')} a month brings it down to ${fast.months} months, keeping roughly ${money(saved, '$')} in your pocket.`,
  ]);
  return { text, headline: saved, facts: { amount, rate, payment, extra, slowMonths: slow.months, fastMonths: fast.months, saved } };
}

function angleSentence(topic: Topic, angle: Angle, rng: SeededRandom): string {
  switch (angle) {
    case 'explained':
      return `Here it is without the jargon, with real numbers you can check on a calculator.`;
    case 'numbers':
      return `Numbers make the case better than slogans, so here they are, rounded to the nearest dollar.`;
    case 'first-step':
      return `Set aside ${rng.int(20, 45)} minutes this weekend, because the first step is the one most people never take.`;
    case 'mistakes':
      return `The biggest mistake is ${topic.pitfall}.`;
    case 'couples':
      return `Couples do best when they agree on one shared rule and review it together every ${rng.int(3, 6)} months.`;
    case 'checklist':
      return `Everything here fits into this month, at under ${rng.int(15, 30)} minutes a week.`;
  }
}

function compose(topic: Topic, angleName: string, rng: SeededRandom) {
  const angle = angleName as Angle;
  const maths = mathsParagraph(topic, rng);
  const intro = [
    oneOf(rng, [
      () => `${capitalize(topic.phrase)} can sound technical, but the idea is simple.`,
      () => `Few money habits pay off as reliably as getting ${topic.phrase} right.`,
      () => `Ask a financial planner where to start and many will mention ${topic.phrase}.`,
    ]),
    angleSentence(topic, angle, rng),
  ].join(' ');
  const rule = oneOf(rng, [
    () => `The rule of thumb is to ${topic.rule}. Avoid ${topic.pitfall}.`,
    () => `Most guidance boils down to one line: ${topic.rule}. The classic trap is ${topic.pitfall}.`,
    () => `Two things matter most. First, ${topic.rule}. Second, avoid ${topic.pitfall}.`,
  ]);
  const habit = oneOf(rng, [
    () => `Automate it: a standing order on the ${rng.pick(['1st', '2nd', '25th', '28th'])} of each month, the day after payday, removes the temptation to skip a month.`,
    () => `Review the plan once every ${rng.int(3, 12)} months, and whenever your income changes by more than ${rng.int(5, 10)} percent.`,
    () => `Track progress on one page, updated on the last Sunday of each month; it takes about ${rng.int(10, 20)} minutes.`,
  ]);
  const caveat = oneOf(rng, [
    () => `Figures are illustrative and ignore inflation, which has averaged around 3 percent a year since 1990.`,
    () => `Rates change, so rerun the numbers with your own rate before deciding; returns are never guaranteed.`,
    () => `This is general education, not personal advice; a fee-only adviser typically charges ${money(rng.stepped(150, 400, 50), '$')} an hour.`,
  ]);
  const goal = oneOf(rng, [
    () => `Write the goal down with a date next to it; people who do are far more likely to stick with it.`,
    () => `Start small if you need to: even ${money(rng.stepped(25, 75, 25), '$')} a month builds the habit, and you can raise it later.`,
    () => `Tell one person about the plan, since a little accountability goes a long way with money.`,
  ]);
  return {
    title: title(topic, angle),
    paragraphs: [intro, `${maths.text} ${rule}`, `${habit} ${goal} ${caveat}`],
    tags: [...topic.tags, angle === 'couples' ? 'family' : 'money-basics'],
    attributes: { headlineAmountUsd: maths.headline },
    facts: maths.facts,
  };
}

export const personalFinanceCategory: DemoCategory<Topic> = {
  key: 'personal-finance',
  motif: 'coins',
  palettes: [
    ['#f1faee', '#a8dadc', '#1d3557', '#e9c46a'],
    ['#f8f4e3', '#2a9d8f', '#264653', '#e9c46a'],
    ['#eef4ed', '#8da9c4', '#13315c', '#f4d35e'],
  ],
  subjects: TOPICS,
  angles: ANGLES,
  compose,
};
