import { isRecordedFile, type RecordedRequest } from './recorded-request.js';
import type { ScriptMatch, ScriptRule } from './script-rule.js';

interface ActiveRule {
  rule: ScriptRule;
  remaining: number;
}

/** The scripted answers of one test, consumed in the order they were given. */
export class ScriptBook {
  private rules: ActiveRule[] = [];

  add(rules: ScriptRule[]): void {
    for (const rule of rules) this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  /** The first rule that matches and is not used up; using it counts down its `times`. */
  take(request: RecordedRequest): ScriptRule | undefined {
    const active = this.rules.find((candidate) => candidate.remaining > 0 && matches(candidate.rule.match, request));
    if (active === undefined) return undefined;
    active.remaining -= 1;
    return active.rule;
  }

  /** Finite rules not fully used yet: a test can assert it consumed everything it scripted. */
  pending(): number {
    return this.rules.filter((active) => active.remaining > 0 && Number.isFinite(active.remaining)).length;
  }

  clear(): void {
    this.rules = [];
  }
}

function matches(match: ScriptMatch | undefined, request: RecordedRequest): boolean {
  if (match === undefined) return true;
  if (match.path !== undefined && request.path !== match.path && request.path !== `/v1${match.path}`) return false;
  if (match.bodyIncludes !== undefined && !searchableBody(request.body).includes(match.bodyIncludes)) return false;
  return match.predicate === undefined || match.predicate(request);
}

/** Uploaded files count by their name only: their bytes would make substring matches meaningless. */
function searchableBody(body: unknown): string {
  return JSON.stringify(body ?? null, (_key, value: unknown) => (isRecordedFile(value) ? value.filename : value));
}
