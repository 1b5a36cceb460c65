import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import { sessionKey } from '../auth/session-key.js';
import type { paths } from './schema.gen.js';

export type { paths };

type UnauthorizedListener = (reason: string) => void;
let unauthorizedListener: UnauthorizedListener = () => undefined;

/** The app decides what a 401 on the stored key means (back to sign-in with the reason). */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorizedListener = listener;
}

export function authorizationHeader(secret: string): string {
  return `Bearer ${secret}`;
}

/** Reports a 401 on the stored key; a key being tried on the sign-in form reports its own. */
export async function reportIfUnauthorized(response: Response, sentAuthorization: string | null): Promise<void> {
  const stored = sessionKey.read();
  if (response.status !== 401 || !stored || sentAuthorization !== authorizationHeader(stored)) return;
  const body = (await response.clone().json().catch(() => null)) as { detail?: string } | null;
  unauthorizedListener(body?.detail ?? 'The API key was not accepted.');
}

const auth: Middleware = {
  onRequest({ request }) {
    const stored = sessionKey.read();
    if (stored && !request.headers.has('authorization')) request.headers.set('authorization', authorizationHeader(stored));
    return request;
  },
  async onResponse({ request, response }) {
    await reportIfUnauthorized(response, request.headers.get('authorization'));
    return response;
  },
};

/** The typed client: every path, parameter and body type comes from the API's OpenAPI document. */
export const api = createFetchClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(auth);

/** React Query hooks over the same client (`$api.useQuery('get', '/v1/items', …)`). */
export const $api = createQueryHooks(api);
