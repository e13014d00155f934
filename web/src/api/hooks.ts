import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ListReply, api } from './client.ts';

/** A list endpoint (`{items:[...]}`), cached under its path and query. */
export function useList<T>(path: string, query?: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: [path, query ?? {}] as QueryKey,
    queryFn: async ({ signal }) => (await api.get<ListReply<T>>(path, { query, signal })).items,
    enabled,
  });
}

/** One record by path. */
export function useRecord<T>(path: string | null) {
  return useQuery({
    queryKey: [path] as QueryKey,
    queryFn: ({ signal }) => api.get<T>(path as string, { signal }),
    enabled: path !== null,
  });
}

/**
 * A write that refreshes the lists and records it touches: every query whose first key
 * starts with one of `invalidates` (e.g. '/pmos' refreshes '/pmos' and '/pmos/123'). Every
 * write records an audit event, so the history timelines ('/audit/...') refresh too.
 */
export function useWrite<TInput, TResult>(write: (input: TInput) => Promise<TResult>, invalidates: string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      const paths = [...invalidates, '/audit'];
      await client.invalidateQueries({
        predicate: (q) => {
          const first = q.queryKey[0];
          return (
            typeof first === 'string' && paths.some((p) => first === p || first.startsWith(`${p}/`) || first.startsWith(`${p}?`))
          );
        },
      });
    },
  });
}
