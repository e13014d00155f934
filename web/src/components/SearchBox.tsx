import { Input } from 'antd';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { useDebounced } from './useDebounced.ts';

/**
 * The search box of a list paged on the server: what is typed reaches `onSearch` after a short
 * pause (or at once on Enter and on clearing), so the server is asked once per word.
 */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  'aria-label': ariaLabel,
  style,
}: {
  value: string;
  onSearch: (value: string) => void;
  placeholder: string;
  'aria-label': string;
  style?: CSSProperties;
}) {
  const [text, setText] = useState(value);
  const debounced = useDebounced(text);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  const sent = useRef(value);
  useEffect(() => {
    const next = debounced.trim();
    if (next !== sent.current) {
      sent.current = next;
      latest.current(next);
    }
  }, [debounced]);
  const now = (v: string) => {
    const next = v.trim();
    sent.current = next;
    onSearch(next);
  };
  return (
    <Input.Search
      placeholder={placeholder}
      aria-label={ariaLabel}
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') now('');
      }}
      onSearch={now}
      style={style}
    />
  );
}
