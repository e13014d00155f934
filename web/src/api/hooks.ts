import { type QueryKey, keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { type ListReply, api } from './client.ts';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * How many pages useList follows at most: a list longer than that must be paged on the server
 * (usePagedList) or searched there (the pickers' `q`).
 */
const MAX_PAGES = 10;

/**
 * Every item of a short list (`{items, next}`), following its `next` links, cached under its path
 * and query. For lists that may grow long, page with usePagedList instead.
 */
export function useList<T>(path: string, query?: Query, enabled = true) {
  return useQuery({
    queryKey: [path, query ?? {}] as QueryKey,
    queryFn: async ({ signal }) => {
      let page = await api.get<ListReply<T>>(path, { query, signal });
      const items = [...page.items];
      for (let n = 1; page.next && n < MAX_PAGES; n++) {
        page = await api.get<ListReply<T>>(page.next, { signal });
        items.push(...page.items);
      }
      return items;
    },
    enabled,
  });
}

/** The query without its empty filters, so that "any" and an empty search are the same page. */
function compact(query: Query): Query {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
}

/**
 * One page of a list, paged on the server: the filters go in the query with `limit` and
 * `offset`; `pagination` binds an antd Table to them and to the total. A change of filters goes
 * back to the first page.
 */
export function usePagedList<T>(
  path: string,
  filters: Query,
  options: { pageSize?: number; noun?: (total: number) => string } = {},
) {
  const active = compact(filters);
  const filterKey = JSON.stringify(active);
  const [page, setPage] = useState({ filterKey, current: 1, pageSize: options.pageSize ?? 50 });
  const current = page.filterKey === filterKey ? page.current : 1;
  const query = { ...active, limit: page.pageSize, offset: (current - 1) * page.pageSize };
  const result = useQuery({
    queryKey: [path, query] as QueryKey,
    queryFn: ({ signal }) => api.get<ListReply<T>>(path, { query, signal }),
    placeholderData: keepPreviousData,
  });
  const total = result.data?.total ?? result.data?.items.length ?? 0;
  const pagination: TablePaginationConfig = {
    current,
    pageSize: page.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [25, 50, 100, 250],
    hideOnSinglePage: total <= 25,
    showTotal: options.noun,
    onChange: (next, pageSize) => setPage({ filterKey, current: pageSize === page.pageSize ? next : 1, pageSize }),
  };
  return { ...result, items: result.data?.items ?? [], total, pagination, filters: active };
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
