import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
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
