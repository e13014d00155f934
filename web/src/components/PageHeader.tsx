import { Breadcrumb, Flex, Typography, theme } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

interface Props {
  title: ReactNode;
  /** Plain text for the browser tab when the title is not a string. */
  documentTitle?: string;
  subtitle?: ReactNode;
  breadcrumbs?: Crumb[];
  tags?: ReactNode;
  extra?: ReactNode;
}

/** The header every page starts with: breadcrumbs, an h1 title, tags and page actions. */
export function PageHeader({ title, documentTitle, subtitle, breadcrumbs = [], tags, extra }: Props) {
  const text = documentTitle ?? (typeof title === 'string' ? title : undefined);
  const { token } = theme.useToken();
  useEffect(() => {
    if (text) document.title = `${text} · Tollgate`;
  }, [text]);
  return (
    <header style={{ marginBottom: 20 }}>
      {breadcrumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={breadcrumbs.map((c) => ({ key: c.title, title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={12} wrap>
            {/* The page's one h1, at the size of an h2: cards and sections below carry the rest. */}
            <Typography.Title
              level={1}
              style={{ margin: 0, fontSize: token.fontSizeHeading2, lineHeight: token.lineHeightHeading2 }}
            >
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          )}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </header>
  );
}
