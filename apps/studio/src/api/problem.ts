import type { components } from './schema.gen.js';

export type Problem = components['schemas']['Problem'];
export type FieldIssue = components['schemas']['FieldIssue'];

/** What the studio shows for any failure: a problem+json body, a non-JSON error, or no answer at all. */
export interface ReadableError {
  title: string;
  detail: string;
  status: number | null;
  code: string | null;
  fields: FieldIssue[];
}

export function isProblem(value: unknown): value is Problem {
  const v = value as Partial<Problem> | null;
  return typeof v === 'object' && v !== null && typeof v.status === 'number' && typeof v.title === 'string' && typeof v.code === 'string';
}

/** Thrown by the upload helper (and anything else outside openapi-fetch) with the server's problem body. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
  }
}

export function readableError(error: unknown): ReadableError {
  const problem = error instanceof ProblemError ? error.problem : isProblem(error) ? error : null;
  if (problem) {
    return { title: problem.title, detail: problem.detail, status: problem.status, code: problem.code, fields: problem.errors ?? [] };
  }
  if (error instanceof TypeError) {
    return { title: 'The API did not answer', detail: 'Check that the platform is running, then try again.', status: null, code: null, fields: [] };
  }
  const detail = typeof error === 'string' && error ? error : error instanceof Error ? error.message : 'Unexpected error.';
  return { title: 'Something went wrong', detail, status: null, code: null, fields: [] };
}
