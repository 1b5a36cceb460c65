/** Postgres SQLSTATE for unique_violation. */
const UNIQUE_VIOLATION = '23505';

/** Drizzle wraps driver errors; the SQLSTATE is on the error or on its cause. */
export function isUniqueViolation(error: unknown): boolean {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  return candidates.some((e) => (e as { code?: unknown })?.code === UNIQUE_VIOLATION);
}
