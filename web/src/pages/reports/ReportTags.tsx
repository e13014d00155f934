import { Tag, Tooltip } from 'antd';
import {
  DUE_STATE_COLOR,
  DUE_STATE_LABEL,
  type DueState,
  RAG_DOT_COLOR,
  RAG_TAG_COLOR,
  REPORT_STATE_COLOR,
  REPORT_STATE_LABEL,
  type Rag,
  type ReportState,
} from './reports.ts';

/** A RAG as a coloured tag with its word (never colour alone); "—" when there is none. */
export function RagTag({ rag, title }: { rag: Rag | null | undefined; title?: string }) {
  if (!rag) return <span>—</span>;
  const tag = (
    <Tag color={RAG_TAG_COLOR[rag]} style={{ marginInlineEnd: 0 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 8,
          height: 8,
          borderRadius: 4,
          background: RAG_DOT_COLOR[rag],
          marginInlineEnd: 6,
        }}
      />
      {rag.charAt(0).toUpperCase() + rag.slice(1)}
    </Tag>
  );
  return title ? <Tooltip title={title}>{tag}</Tooltip> : tag;
}

export function ReportStateTag({ state, revision }: { state: ReportState; revision?: number }) {
  return (
    <Tag color={REPORT_STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {REPORT_STATE_LABEL[state]}
      {revision && revision > 1 ? ` · revision ${revision}` : ''}
    </Tag>
  );
}

export function DueStateTag({ state }: { state: DueState }) {
  return (
    <Tag color={DUE_STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>
      {DUE_STATE_LABEL[state]}
    </Tag>
  );
}

/** Marks a report whose reported RAG is better than its figures give. */
export function MismatchTag({ dimensions }: { dimensions?: readonly string[] }) {
  return (
    <Tag
      color="magenta"
      style={{ marginInlineEnd: 0 }}
      title={dimensions?.length ? `Reported better on: ${dimensions.join(', ')}` : undefined}
    >
      Mismatch
    </Tag>
  );
}
