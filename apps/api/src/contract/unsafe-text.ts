import { ErrorCode, PlatformError, type TFieldIssue } from '@persona/shared';

// Without the `u` flag the pattern sees UTF-16 code units: a surrogate without its partner.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL cannot store a NUL character in text or jsonb, nor a lone UTF-16 surrogate in jsonb
 * (and in text it would silently become U+FFFD). Such strings are refused at the edge, with the
 * field named, so they never reach a query and turn into a 500.
 */
export function unsafeTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate';
  return null;
}

/**
 * The first string (value or object key) anywhere in `value` that cannot be stored, as a field
 * issue under `where` (e.g. `body.attributes.colour`). Walks with an explicit stack, so a
 * deeply nested body cannot overflow the call stack.
 */
export function findUnsafeText(value: unknown, where: string): TFieldIssue | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: where }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) return { path, message: reason };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push({ value: current[i], path: `${path}.${i}` });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const reason = unsafeTextReason(key);
        if (reason) return { path: `${path}.${printableKey(key)}`, message: `key ${reason}` };
        stack.push({ value: child, path: `${path}.${key}` });
      }
    }
  }
  return null;
}

/** Throws a typed 400 naming the field when `value` holds a string that cannot be stored. */
export function assertStorableText(value: unknown, where: string): void {
  const issue = findUnsafeText(value, where);
  if (issue) {
    throw new PlatformError(ErrorCode.ValidationFailed, `Invalid ${where}: ${issue.path} ${issue.message}`, {
      errors: [issue],
    });
  }
}

/** A key that names itself in an error without carrying the bytes that made it unsafe. */
function printableKey(key: string): string {
  return key.replaceAll('\u0000', '\\u0000').replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD');
}
