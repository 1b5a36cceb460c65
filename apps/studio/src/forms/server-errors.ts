import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { readableError, type FieldIssue } from '../api/problem.js';

/**
 * Puts a problem's `errors[]` on the form fields they name and returns the issues no field shows,
 * for the form's own alert. The API names body fields `body.<field>` (`body.tags.0` lands on `tags`).
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): FieldIssue[] {
  const unplaced: FieldIssue[] = [];
  for (const issue of readableError(error).fields) {
    const path = issue.path.replace(/^body\./, '');
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
    if (field) setError(field, { type: 'server', message: issue.message }, { shouldFocus: true });
    else unplaced.push(issue);
  }
  return unplaced;
}
