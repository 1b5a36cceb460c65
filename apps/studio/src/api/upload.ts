import { sessionKey } from '../auth/session-key.js';
import { authorizationHeader, reportIfUnauthorized, type paths } from './client.js';
import { isProblem, ProblemError } from './problem.js';

type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type PostResponse<P extends PostPath> = paths[P] extends { post: { responses: infer R } }
  ? R extends { 200: infer Ok } ? JsonOf<Ok> : R extends { 201: infer Created } ? JsonOf<Created> : never
  : never;

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POSTs a file with upload progress (fetch cannot report it; XMLHttpRequest can). The path and
 * the answer's type come from the generated schema; failures throw the server's problem body.
 */
export function uploadWithProgress<P extends PostPath>(
  path: P,
  body: Blob | FormData,
  options: { contentType?: string; onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<PostResponse<P>> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    const stored = sessionKey.read();
    if (stored) request.setRequestHeader('authorization', authorizationHeader(stored));
    if (options.contentType) request.setRequestHeader('content-type', options.contentType);
    request.upload.onprogress = (event) => options.onProgress?.({ loaded: event.loaded, total: event.total });
    request.onerror = () => reject(new TypeError('network error'));
    request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    request.onload = () => {
      let parsed: unknown = request.responseText;
      try {
        parsed = JSON.parse(request.responseText);
      } catch {
        // not JSON: reported as text below
      }
      if (request.status >= 200 && request.status < 300) return resolve(parsed as PostResponse<P>);
      if (request.status === 401 && stored) {
        void reportIfUnauthorized(new Response(request.responseText, { status: 401 }), authorizationHeader(stored));
      }
      reject(isProblem(parsed) ? new ProblemError(parsed) : new Error(`HTTP ${request.status}: ${String(parsed).slice(0, 200)}`));
    };
    options.signal?.addEventListener('abort', () => request.abort());
    request.send(body);
  });
}
