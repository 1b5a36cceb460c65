/** Postgres SQLSTATEs for unique_violation and foreign_key_violation. */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** Drizzle wraps driver errors; the SQLSTATE is on the error or on its cause. */
export function isUniqueViolation(error: unknown): boolean {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  return candidates.some((e) => (e as { code?: unknown })?.code === UNIQUE_VIOLATION);
}

/** The SQLSTATE of a database error (on the error or on the driver error Drizzle wraps), or null. */
export function sqlStateOf(error: unknown): string | null {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  const code = candidates.map((e) => (e as { code?: unknown })?.code).find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  return (code as string | undefined) ?? null;
}

/**
 * Errors that are about the values of a statement (class 22 data exception, 23 integrity
 * constraint, 54 program limit such as a too-long tsvector): retrying the rows one by one finds
 * the bad one. Anything else (a lost connection) is not the rows' fault.
 */
export function isRowValueError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== null && ['22', '23', '54'].includes(state.slice(0, 2));
}
