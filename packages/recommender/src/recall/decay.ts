const DAY_MS = 86_400_000;

/** 2^(−age/halfLife): 1 for an event at `now`, ½ one half-life earlier; an infinite half-life never decays. */
export function decayWeight(ageMs: number, halfLifeDays: number): number {
  // An unknown age (a missing timestamp) earns no weight rather than poisoning sums with NaN.
  if (Number.isNaN(ageMs)) return 0;
  if (!Number.isFinite(halfLifeDays)) return 1;
  return Math.pow(2, -Math.max(0, ageMs) / (halfLifeDays * DAY_MS));
}
