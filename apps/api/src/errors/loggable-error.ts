/**
 * What an unexpected error may say in a log. Database errors carry the statement's parameters
 * (Drizzle puts them in its message) and drivers quote values in theirs ("invalid input syntax
 * for type uuid: ..."), so a database error is logged by its SQLSTATE, the table, column and
 * constraint it names, and the statement's verb and table, never its values.
 */
export function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const database = databaseFacts(error);
  if (!database) return error.stack ?? error.message;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: database error ${database}`, ...frames].join('\n');
}

interface DriverError {
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  routine?: unknown;
}

/** "SQLSTATE 22021 (table items, routine ...) in insert into items", or null for other errors. */
function databaseFacts(error: Error): string | null {
  const query = (error as { query?: unknown }).query;
  // Drizzle wraps the driver's error; an error straight from the driver carries the SQLSTATE itself.
  const own = error as DriverError;
  const driver = isSqlState(own.code) ? own : ((error as { cause?: DriverError }).cause ?? {});
  if (typeof query !== 'string' && !isSqlState(driver.code)) return null;
  const facts = (['table', 'column', 'constraint', 'routine'] as const)
    .filter((name) => typeof driver[name] === 'string')
    .map((name) => `${name} ${String(driver[name])}`);
  const where = typeof query === 'string' ? ` in ${statementName(query)}` : '';
  const code = isSqlState(driver.code) ? `SQLSTATE ${driver.code}` : 'without SQLSTATE';
  return `${code}${facts.length ? ` (${facts.join(', ')})` : ''}${where}`;
}

function isSqlState(code: unknown): code is string {
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** The statement's verb and first table, e.g. `insert into items`; no values, no clauses. */
export function statementName(query: string): string {
  const text = query.replaceAll('"', '');
  const write = /^\s*(insert into|update|delete from)\s+([\w.]+)/i.exec(text);
  if (write) return `${write[1]!.toLowerCase()} ${write[2]}`;
  const read = /^\s*(select|with)\b[\s\S]*?\bfrom\s+([\w.]+)/i.exec(text);
  if (read) return `${read[1]!.toLowerCase()} … from ${read[2]}`;
  return (/^\s*(\w+)/.exec(text)?.[1] ?? 'statement').toLowerCase();
}
