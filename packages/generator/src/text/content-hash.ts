import { createHash } from 'node:crypto';

/** sha256 of a value's canonical JSON (keys sorted), so equal inputs hash equal whatever their key order. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * Built by appending to one string rather than through entries, filter, sort and join arrays at
 * every level: every generated variant hashes its item and segment, so this runs per job.
 */
function canonicalJson(value: unknown): string {
  if (Buffer.isBuffer(value)) return JSON.stringify(createHash('sha256').update(value).digest('hex'));
  if (Array.isArray(value)) {
    let json = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) json += ',';
      // A hole in a sparse array joins as nothing, as `map(...).join(',')` would have it.
      if (index in value) json += canonicalJson(value[index]);
    }
    return `${json}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    let json = '';
    // Keys are distinct, so the default (UTF-16 code unit) order is the `<` order.
    for (const key of Object.keys(record).sort()) {
      const entry = record[key];
      if (entry === undefined) continue;
      json += `${json === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(entry)}`;
    }
    return `{${json}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
