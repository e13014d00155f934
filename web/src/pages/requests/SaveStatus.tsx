import { CheckCircleOutlined, ExclamationCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { SaveStatus } from './useAutosave.ts';

const time = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Where the autosave stands: "Saved · 12:04:31", "Saving…", or what to do about a failure. */
export function SaveStatusLine({ status, onReload, onRetry }: { status: SaveStatus; onReload: () => void; onRetry: () => void }) {
  let content: React.ReactNode;
  switch (status.kind) {
    case 'idle':
      content = <Typography.Text type="secondary">Changes save as you type</Typography.Text>;
      break;
    case 'pending':
      content = <Typography.Text type="secondary">Unsaved changes…</Typography.Text>;
      break;
    case 'saving':
      content = (
        <Typography.Text type="secondary">
          <LoadingOutlined aria-hidden /> Saving…
        </Typography.Text>
      );
      break;
    case 'saved':
      content = (
        <Typography.Text type="success">
          <CheckCircleOutlined aria-hidden /> Saved · {time(status.at)}
        </Typography.Text>
      );
      break;
    case 'needs-title':
      content = <Typography.Text type="warning">Give the request a title to save the draft</Typography.Text>;
      break;
    case 'conflict':
      content = (
        <>
          <Typography.Text type="danger">
            <WarningOutlined aria-hidden /> Changed elsewhere — reload to continue
          </Typography.Text>
          <Button size="small" danger onClick={onReload}>
            Reload
          </Button>
        </>
      );
      break;
    case 'error':
      content = (
        <>
          <Typography.Text type="danger">
            <ExclamationCircleOutlined aria-hidden /> Not saved: {status.message}
          </Typography.Text>
          <Button size="small" onClick={onRetry}>
            Retry
          </Button>
        </>
      );
      break;
  }
  return (
    <Flex gap={8} align="center" role="status" aria-live="polite" data-testid="save-status" data-state={status.kind}>
      {content}
    </Flex>
  );
}
