import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { buildUrl } from '../api/client.ts';
import type { ApiPath, QueryOf } from '../api/openapi.ts';

/** The list routes that export: those whose query takes `format` (csv, xlsx). */
export type ExportablePath = {
  [P in ApiPath]: QueryOf<P> extends { format?: infer F } ? ('csv' extends F ? P : never) : never;
}[ApiPath];

/** A list's filters as its route names them, without the paging and the format. */
export type ExportFilters<P extends ExportablePath> = {
  [K in Exclude<keyof QueryOf<P>, 'format' | 'limit' | 'offset'>]?: QueryOf<P>[K] | null;
};

type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

/** The file a list exports, with the same filters as the page shows: `/api/v1/projects?state=active&format=csv`. */
export function exportUrl<P extends ExportablePath>(
  path: P,
  format: 'csv' | 'xlsx',
  filters: ExportFilters<P> = {},
  params: Record<PathParams<P>, string> = {} as Record<PathParams<P>, string>,
): string {
  const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent((params as Record<string, string>)[name] ?? ''),
  );
  const query: Record<string, string | number | boolean | null | undefined> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined) continue;
    query[key] = Array.isArray(value) ? value.join(',') : (value as string | number | boolean);
  }
  return buildUrl(concrete, { ...query, format });
}

/**
 * "Export" on a list view: CSV or Excel of every row that matches the filters shown. A plain link
 * download from the same origin, so the session cookie goes with it and the server applies the
 * caller's visibility, as it does to the page.
 */
export function ExportButton<P extends ExportablePath>({
  path,
  filters,
  params,
  label = 'Export',
  size,
}: {
  /** The list route as the API describes it, e.g. '/api/v1/projects' or '/api/v1/people/{id}/absences'. */
  path: P;
  /** The filters the view applies, named as the route's query names them. */
  filters?: ExportFilters<P>;
  /** The values of the path's parameters, e.g. `{ id: personId }`. */
  params?: Record<PathParams<P>, string>;
  label?: string;
  size?: 'small' | 'middle';
}) {
  const link = (format: 'csv' | 'xlsx') => exportUrl(path, format, filters, params);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'csv',
            label: (
              <a href={link('csv')} download>
                CSV
              </a>
            ),
          },
          {
            key: 'xlsx',
            label: (
              <a href={link('xlsx')} download>
                Excel (XLSX)
              </a>
            ),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined aria-hidden />} size={size}>
        {label} <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
