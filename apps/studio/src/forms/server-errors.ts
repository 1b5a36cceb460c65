import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { readableError, type FieldIssue } from '../api/problem.js';

/**
 * Puts a problem's `errors[]` on the form fields they name (`tags.0` lands on `tags`) and returns
 * the issues no field shows, for the form's own alert.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): FieldIssue[] {
  const unplaced: FieldIssue[] = [];
  for (const issue of readableError(error).fields) {
    const field = fields.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (field) setError(field, { type: 'server', message: issue.message }, { shouldFocus: true });
    else unplaced.push(issue);
  }
  return unplaced;
}
