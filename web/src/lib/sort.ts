/** The order antd passes a column's comparator. */
type SortOrder = 'ascend' | 'descend' | null;

/** A column of a list paged on the server sorts the rows shown; the pages come in the server's order. */
export const PAGE_SORT_HINT = 'Sorts the rows of this page';

/**
 * A column comparator that keeps empty values (null: not given, or not visible to the caller)
 * last whichever way the column is sorted: antd reverses the comparator for a descending sort.
 */
export function nullsLast<T>(value: (row: T) => number | string | null | undefined) {
  return (a: T, b: T, order?: SortOrder): number => {
    const x = value(a);
    const y = value(b);
    const xEmpty = x === null || x === undefined;
    const yEmpty = y === null || y === undefined;
    if (xEmpty || yEmpty) {
      if (xEmpty && yEmpty) return 0;
      const emptyLast = xEmpty ? 1 : -1;
      return order === 'descend' ? -emptyLast : emptyLast;
    }
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  };
}
