/** One request the test server received, as tests see it in `server.requests`. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body; for multipart requests the fields, with files as `RecordedFile`. */
  body: unknown;
  /** `Date.now()` when the request arrived: tests compute gaps between retries from it. */
  receivedAt: number;
  /** `batch` for chat lines a batch processed (they never crossed HTTP themselves). */
  source: 'http' | 'batch';
}

export interface RecordedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export function isRecordedFile(value: unknown): value is RecordedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}
