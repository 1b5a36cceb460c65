import { useSuspenseQuery } from '@tanstack/react-query';
// The policy alone (no zod, no schemas), so the first chunk stays small.
import { roleMay, type TAccess } from '@persona/shared/access';
import { $api } from '../api/client.js';
import type { components } from '../api/schema.gen.js';

export type Role = components['schemas']['Role'];
export type WhoAmI = components['schemas']['WhoAmI'];

export const whoAmIQuery = $api.queryOptions('get', '/v1/me');

/** The signed-in key and its workspace; the app layout has loaded it before any screen renders. */
export function usePrincipal() {
  const { data } = useSuspenseQuery(whoAmIQuery);
  const role = data.apiKey.role;
  return { ...data, role, may: (access: TAccess) => roleMay(role, access) };
}
