import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './openapi.ts';
import type { Me } from './types.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in caller; null when nobody is signed in (a 401 here does not redirect). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/me', { noRedirect: true });
      } catch (err) {
        if ((err as { status?: number }).status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function can(me: Me | null | undefined, permission: string): boolean {
  return Boolean(me?.permissions.includes(permission));
}

/** Whether the caller leads the given PMO (or is an admin): the record-level check of pmo.manage. */
export function leadsPmo(me: Me | null | undefined, pmoId: string | null | undefined): boolean {
  if (!me || !pmoId) return false;
  if (me.roles.includes('admin')) return true;
  return me.pmoMemberships.some((m) => m.pmoId === pmoId && m.role === 'lead');
}

/** What a personal API token may do: `read` only GET and HEAD, `write` all the owner may. */
export type TokenScope = Schemas['ApiTokenScope'];

/** The reply of POST /auth/password: what the change ended besides the old password. */
export type PasswordChanged = Schemas['PasswordChanged'];

/** An account's sign-in throttle as an admin sees it on GET /users/{id}. */
export type UserSignIn = Schemas['UserSignInState'];

/** When a throttled attempt may be made again, in words: "in 32 seconds", "in about 15 minutes". */
export function retryWhen(seconds: number | undefined): string {
  if (!seconds) return 'later';
  return seconds >= 90 ? `in about ${Math.ceil(seconds / 60)} minutes` : `in ${seconds} seconds`;
}
