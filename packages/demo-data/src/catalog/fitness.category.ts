import type { SeededRandom } from '../seeded-random.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { listOf, oneOf, countOf } from './text.helpers.js';

interface Programme extends CategorySubject {
  /** Named movements or drills the sessions are built from. */
  readonly moves: readonly [string, string, string];
  readonly sessionMinutes: readonly [number, number];
  readonly sessionsPerWeek: readonly [number, number];
  readonly weeks: number;
  /** Share of maximum heart rate the sessions aim for. */
  readonly intensity: readonly [number, number];
  readonly kcalPerMinute: readonly [number, number];
  readonly milestone: string;
  readonly kit: string;
}

const PROGRAMMES: readonly Programme[] = [
  { name: 'Couch to 5K', group: 'running', tags: ['running', 'beginner', 'cardio'], moves: ['brisk walking', 'easy jogging', 'a 5-minute cool-down walk'], sessionMinutes: [25, 35], sessionsPerWeek: [3, 3], weeks: 9, intensity: [0.6, 0.75], kcalPerMinute: [7, 10], milestone: 'running 5 km without stopping', kit: 'running shoes fitted at a specialist shop' },
  { name: 'First Half Marathon', group: 'running', tags: ['running', 'endurance', 'cardio'], moves: ['long slow runs', 'tempo runs', 'strides'], sessionMinutes: [40, 120], sessionsPerWeek: [3, 5], weeks: 12, intensity: [0.65, 0.85], kcalPerMinute: [10, 13], milestone: 'finishing 21.1 km', kit: 'an energy gel for every 45 minutes of running' },
  { name: 'Interval Running', group: 'running', tags: ['running', 'hiit', 'cardio'], moves: ['400 m repeats', 'hill sprints', 'recovery jogs'], sessionMinutes: [30, 45], sessionsPerWeek: [1, 2], weeks: 6, intensity: [0.8, 0.92], kcalPerMinute: [11, 14], milestone: 'taking 60 seconds off your 5 km time', kit: 'a watch that shows lap splits' },
  { name: 'Trail Running', group: 'running', tags: ['running', 'outdoors', 'endurance'], moves: ['power hiking on climbs', 'controlled descents', 'single-leg balance drills'], sessionMinutes: [45, 90], sessionsPerWeek: [2, 3], weeks: 8, intensity: [0.65, 0.85], kcalPerMinute: [10, 13], milestone: 'a 15 km trail with 500 m of climbing', kit: 'shoes with at least 4 mm lugs' },
  { name: 'Kettlebell Basics', group: 'strength', tags: ['strength', 'kettlebell', 'home-workout'], moves: ['the two-handed swing', 'the goblet squat', 'the Turkish get-up'], sessionMinutes: [20, 35], sessionsPerWeek: [2, 3], weeks: 8, intensity: [0.7, 0.85], kcalPerMinute: [9, 12], milestone: '100 swings in under 10 minutes', kit: 'a 12 kg or 16 kg kettlebell' },
  { name: 'Bodyweight Strength', group: 'strength', tags: ['strength', 'home-workout', 'no-equipment'], moves: ['push-ups', 'Bulgarian split squats', 'the hollow-body hold'], sessionMinutes: [20, 30], sessionsPerWeek: [3, 4], weeks: 6, intensity: [0.65, 0.8], kcalPerMinute: [6, 9], milestone: '20 strict push-ups in a row', kit: 'a yoga mat and a sturdy chair' },
  { name: 'Deadlift Technique', group: 'strength', tags: ['strength', 'barbell', 'gym'], moves: ['the conventional deadlift', 'the Romanian deadlift', 'hip hinges with a dowel'], sessionMinutes: [40, 60], sessionsPerWeek: [1, 2], weeks: 10, intensity: [0.6, 0.8], kcalPerMinute: [6, 9], milestone: 'lifting 1.5 times your body weight', kit: 'flat-soled shoes and chalk' },
  { name: 'Pull-Up Progression', group: 'strength', tags: ['strength', 'upper-body', 'gym'], moves: ['dead hangs', 'scapular pulls', 'slow negative pull-ups'], sessionMinutes: [15, 25], sessionsPerWeek: [2, 3], weeks: 8, intensity: [0.6, 0.75], kcalPerMinute: [5, 8], milestone: '5 strict pull-ups', kit: 'a doorway pull-up bar rated for 130 kg' },
  { name: 'Yoga for Back Pain', group: 'mobility', tags: ['yoga', 'mobility', 'back-pain'], moves: ['cat-cow', 'child\'s pose', 'the sphinx pose'], sessionMinutes: [15, 30], sessionsPerWeek: [3, 5], weeks: 6, intensity: [0.4, 0.55], kcalPerMinute: [3, 4], milestone: 'a full morning without stiffness', kit: 'a 6 mm mat and two yoga blocks' },
  { name: 'Morning Mobility', group: 'mobility', tags: ['mobility', 'stretching', 'routine'], moves: ['the world\'s greatest stretch', 'hip circles', 'thoracic rotations'], sessionMinutes: [10, 15], sessionsPerWeek: [5, 7], weeks: 4, intensity: [0.4, 0.5], kcalPerMinute: [3, 4], milestone: 'touching your toes with straight legs', kit: 'nothing more than a clear patch of floor' },
  { name: 'Pilates Core', group: 'mobility', tags: ['pilates', 'core', 'mobility'], moves: ['the hundred', 'single-leg stretches', 'the side plank'], sessionMinutes: [25, 40], sessionsPerWeek: [2, 3], weeks: 8, intensity: [0.5, 0.65], kcalPerMinute: [4, 6], milestone: 'holding a 60-second side plank', kit: 'a mat and a small Pilates ball' },
  { name: 'Balance Training', group: 'mobility', tags: ['balance', 'healthy-ageing', 'mobility'], moves: ['single-leg stands', 'heel-to-toe walking', 'sit-to-stand from a chair'], sessionMinutes: [10, 20], sessionsPerWeek: [3, 5], weeks: 6, intensity: [0.4, 0.55], kcalPerMinute: [3, 4], milestone: 'standing on one leg for 30 seconds', kit: 'a kitchen counter to hold for support' },
];

const ANGLES = ['beginner', 'plan', 'mistakes', 'science', 'home', 'progress'] as const;
type Angle = (typeof ANGLES)[number];

function title(programme: Programme, angle: Angle, rng: SeededRandom): string {
  switch (angle) {
    case 'beginner':
      return rng.pick([`${programme.name} for Complete Beginners`, `Starting ${programme.name} from Zero`]);
    case 'plan':
      // "An 8-Week", "an 11-Week": the article goes by the sound of the number.
      return `${/^(?:8|11|18)\b/.test(String(programme.weeks)) ? 'An' : 'A'} ${programme.weeks}-Week ${programme.name} Plan`;
    case 'mistakes':
      return `${programme.name}: The Mistakes That Slow You Down`;
    case 'science':
      return `What the Research Says About ${programme.name}`;
    case 'home':
      return `${programme.name} at Home, No Gym Required`;
    case 'progress':
      return `Measuring Progress in ${programme.name}`;
  }
}

function angleSentences(programme: Programme, angle: Angle, rng: SeededRandom): string {
  const [first, second] = programme.moves;
  switch (angle) {
    case 'beginner':
      return `Begin with ${first} only, and add ${second} in week ${rng.int(2, 3)}. Soreness that lasts longer than ${rng.int(48, 72)} hours means you did too much.`;
    case 'plan':
      return `Weeks 1 to ${Math.ceil(programme.weeks / 3)} build the habit, the middle block adds volume by about ${rng.int(8, 12)} percent a week, and the final weeks taper.`;
    case 'mistakes':
      return `The most common error is rushing ${first}; slow it to a ${rng.int(2, 4)}-second lowering phase. The second is skipping rest days, which raises injury risk.`;
    case 'science':
      return `A 2019 review of ${rng.int(18, 40)} studies found that people who trained ${programme.sessionsPerWeek[1]} times a week kept the habit ${rng.int(20, 45)} percent longer than those who trained once.`;
    case 'home':
      return `All you need is ${programme.kit}. Clear about ${rng.int(2, 4)} square metres of floor and keep water within reach.`;
    case 'progress':
      return `Log every session, and test yourself every ${rng.int(2, 4)} weeks against the same benchmark so the numbers are comparable.`;
  }
}

function compose(programme: Programme, angleName: string, rng: SeededRandom) {
  const angle = angleName as Angle;
  const minutes = rng.stepped(programme.sessionMinutes[0], programme.sessionMinutes[1], 5);
  const perWeek = rng.int(programme.sessionsPerWeek[0], programme.sessionsPerWeek[1]);
  const age = rng.pick([30, 40, 50, 60]);
  const maxHeartRate = 220 - age;
  const lowBpm = Math.round(maxHeartRate * programme.intensity[0]);
  const highBpm = Math.round(maxHeartRate * programme.intensity[1]);
  const kcal = Math.round(minutes * (programme.kcalPerMinute[0] + rng.next() * (programme.kcalPerMinute[1] - programme.kcalPerMinute[0])));
  const sets = rng.int(3, 5);
  const reps = programme.group === 'running' ? rng.int(3, 8) : rng.pick([6, 8, 10, 12, 15]);
  const rest = rng.pick([45, 60, 90, 120]);
  const [first, second, third] = programme.moves;

  const intro = oneOf(rng, [
    () => `${programme.name} works because it asks for consistency rather than heroics. The goal here is ${programme.milestone} within ${programme.weeks} weeks.`,
    () => `After ${programme.weeks} weeks of ${programme.name}, most people manage ${programme.milestone}. Getting there is mostly about showing up.`,
    () => `The target is simple: ${programme.milestone}. With ${countOf(perWeek, 'short sessions')} a week, ${programme.weeks} weeks is a realistic timeline.`,
  ]);
  const session = oneOf(rng, [
    () => `Each session lasts ${minutes} minutes and combines ${listOf([first, second, third])}.`,
    () => `A typical ${minutes}-minute session moves from ${first} to ${second}, finishing with ${third}.`,
    () => `Plan ${countOf(perWeek, 'sessions')} a week of about ${minutes} minutes, built around ${first} and ${second}, with ${third} at the end.`,
  ]);
  const dose =
    programme.group === 'running'
      ? oneOf(rng, [
          () => `Break the main block into ${sets} efforts of ${reps} minutes, with ${rest} seconds of easy walking between them.`,
          () => `The core of each run is ${sets} blocks of ${reps} minutes, separated by ${rest}-second walking breaks.`,
        ])
      : oneOf(rng, [
          () => `Do ${sets} sets of ${reps} repetitions with ${rest} seconds of rest between sets.`,
          () => `Work in ${sets} rounds of ${reps}, resting ${rest} seconds between rounds.`,
        ]);
  const heart = oneOf(rng, [
    () => `For a ${age}-year-old, whose estimated maximum heart rate is ${maxHeartRate} bpm, that means staying between ${lowBpm} and ${highBpm} bpm.`,
    () => `Aim for ${Math.round(programme.intensity[0] * 100)} to ${Math.round(programme.intensity[1] * 100)} percent of your maximum heart rate: about ${lowBpm} to ${highBpm} bpm at age ${age}.`,
  ]);
  const burn = oneOf(rng, [
    () => `A session burns roughly ${kcal} kcal, though the real gains show up in how you feel after week ${rng.int(3, 4)}.`,
    () => `Expect to burn about ${kcal} kcal per session, or ${kcal * perWeek} kcal across a week.`,
  ]);
  const recovery = oneOf(rng, [
    () => `Sleep ${rng.int(7, 9)} hours and drink about ${countOf(rng.int(2, 3), 'litres')} of water on training days.`,
    () => `Eat ${rng.int(20, 30)} g of protein within ${rng.pick(['an hour', '2 hours'])} of finishing to help recovery.`,
    () => `Take at least ${countOf(rng.int(1, 2), 'full rest days')} each week; that is when the adaptation happens.`,
  ]);

  return {
    title: title(programme, angle, rng),
    paragraphs: [intro, `${session} ${dose} ${heart}`, `${angleSentences(programme, angle, rng)} ${burn} ${recovery}`],
    tags: [...programme.tags, angle === 'home' ? 'home-workout' : angle === 'beginner' ? 'beginner' : 'training-plan'],
    attributes: { sessionMinutes: minutes, sessionsPerWeek: perWeek, weeks: programme.weeks },
    facts: { minutes, perWeek, age, lowBpm, highBpm, kcal, sets, reps, rest },
  };
}

export const fitnessCategory: DemoCategory<Programme> = {
  key: 'fitness',
  motif: 'pulse',
  palettes: [
    ['#edf6f9', '#83c5be', '#006d77', '#e29578'],
    ['#f8f9fa', '#ef476f', '#073b4c', '#06d6a0'],
    ['#fff3b0', '#e09f3e', '#335c67', '#9e2a2b'],
  ],
  subjects: PROGRAMMES,
  angles: ANGLES,
  compose,
};
