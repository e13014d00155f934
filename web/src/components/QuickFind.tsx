import { BankOutlined, FileAddOutlined, ProfileOutlined, ProjectOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Input, type InputRef, Modal, Spin, Tag, Typography } from 'antd';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { Schemas } from '../api/openapi.ts';

type SearchHit = Schemas['SearchHit'];

const KIND: Record<SearchHit['kind'], { label: string; icon: ReactNode }> = {
  project: { label: 'Project', icon: <ProjectOutlined /> },
  request: { label: 'Request', icon: <FileAddOutlined /> },
  person: { label: 'Person', icon: <UserOutlined /> },
  pmo: { label: 'PMO', icon: <BankOutlined /> },
  standard: { label: 'Standard', icon: <ProfileOutlined /> },
};

/** The text after a short pause in typing, so the search runs once per word, not per key. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Quick find across projects, requests, people, PMOs and standards: Ctrl+K (⌘K) or "/" opens it
 * anywhere; arrows move, Enter opens, Escape closes. Hits are what the user may open.
 */
export function QuickFind() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<InputRef>(null);
  const q = useDebounced(text.trim(), 200);
  const searchable = /[\p{L}\p{N}]/u.test(q);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const results = useQuery({
    queryKey: ['/search', q],
    queryFn: ({ signal }) => api.get<Schemas['SearchReply']>('/search', { query: { q, limit: 6 }, signal }),
    enabled: open && searchable,
    staleTime: 10_000,
  });
  const hits = useMemo(() => (searchable ? (results.data?.items ?? []) : []), [results.data, searchable]);
  // The highlighted hit stays within the hits as they change.
  const current = Math.max(0, Math.min(active, hits.length - 1));

  const close = () => {
    setOpen(false);
    setText('');
  };
  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    navigate(hit.href);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(hits.length - 1, current + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(0, current - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(hits[current]);
    }
  };

  return (
    <>
      <Button
        icon={<SearchOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        aria-keyshortcuts={isMac ? 'Meta+K /' : 'Control+K /'}
        className="tg-quick-find-button"
      >
        {/* Named by its content, which starts with the word it shows ("Find"), so speech users can
            say what they see; the shortcut is announced from aria-keyshortcuts. */}
        <span className="tg-quick-find-label" aria-hidden>
          Find
        </span>
        <Typography.Text keyboard className="tg-quick-find-label" style={{ marginInlineStart: 4 }} aria-hidden>
          {isMac ? '⌘K' : 'Ctrl K'}
        </Typography.Text>
        <span className="tg-visually-hidden">Find anything</span>
      </Button>
      <Modal
        open={open}
        onCancel={close}
        footer={null}
        title="Find anything"
        afterOpenChange={(visible) => visible && input.current?.focus()}
        destroyOnHidden
        width={640}
      >
        <Input
          ref={input}
          size="large"
          prefix={<SearchOutlined aria-hidden />}
          placeholder="Projects, requests, people, PMOs, standards — by code or words"
          aria-label="Find projects, requests, people, PMOs and standards"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="tg-quick-find-results"
          aria-activedescendant={hits[current] ? `tg-hit-${hits[current].kind}-${hits[current].id}` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          allowClear
        />
        <div style={{ minHeight: 120, marginTop: 12 }} aria-live="polite">
          {results.isFetching && hits.length === 0 && (
            <Flex justify="center" style={{ padding: 24 }}>
              <Spin aria-label="Searching" />
            </Flex>
          )}
          {searchable && !results.isFetching && results.isSuccess && hits.length === 0 && (
            <Empty description={`Nothing found for “${q}”`} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          {!searchable && (
            <Typography.Paragraph type="secondary" style={{ padding: '16px 4px' }}>
              Type a code such as REQ-0007, or the first letters of a few words.
            </Typography.Paragraph>
          )}
          {hits.length > 0 && (
            <div id="tg-quick-find-results" role="listbox" aria-label="Results">
              {hits.map((hit, i) => (
                <div
                  key={`${hit.kind}-${hit.id}`}
                  id={`tg-hit-${hit.kind}-${hit.id}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === current}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    go(hit);
                  }}
                  style={{
                    display: 'flex',
                    alignItems: 'center',
                    gap: 12,
                    padding: '8px 10px',
                    borderRadius: 6,
                    cursor: 'pointer',
                    background: i === current ? '#e8f0fe' : undefined,
                  }}
                >
                  <span aria-hidden style={{ fontSize: 16, color: '#1d4ed8' }}>
                    {KIND[hit.kind].icon}
                  </span>
                  <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text strong ellipsis>
                      {hit.code ? `${hit.code} · ` : ''}
                      {hit.title}
                    </Typography.Text>
                    {hit.subtitle && (
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }}>
                        {hit.subtitle}
                      </Typography.Text>
                    )}
                  </Flex>
                  <Tag style={{ marginInlineEnd: 0 }}>{KIND[hit.kind].label}</Tag>
                </div>
              ))}
            </div>
          )}
        </div>
      </Modal>
    </>
  );
}
