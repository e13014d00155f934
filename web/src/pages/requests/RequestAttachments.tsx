import { DeleteOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, CSRF_COOKIE, buildUrl, parseError, readCookie } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { api } from '../../api/client.ts';
import type { RequestAttachment } from '../../api/requests.ts';
import { errorText } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/format.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.txt,.csv';

/** "1536" -> "1.5 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Sends one file as multipart field "file"; the server checks its type by content. */
async function uploadFile(requestId: string, file: File): Promise<RequestAttachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const reply = await fetch(buildUrl(`/requests/${requestId}/attachments`), {
    method: 'POST',
    body,
    headers,
    credentials: 'same-origin',
  });
  const payload = await reply.json().catch(() => null);
  if (!reply.ok) throw parseError(reply.status, payload, reply.headers.get('retry-after'));
  return payload as RequestAttachment;
}

function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    const issue = error.issues.find((i) => i.field === 'file');
    if (issue) return `The file ${issue.message}`;
    if (error.status === 413) return 'The file is larger than 10 MB.';
  }
  return errorText(error);
}

/**
 * A request's attachments: the list with download links, and — for the requester while the
 * request is editable — a drop zone (the server's type and size refusals shown per file).
 */
export function RequestAttachments({
  requestId,
  canAttach,
  canRemove,
}: {
  requestId: string;
  canAttach: boolean;
  canRemove: boolean;
}) {
  const path = `/requests/${requestId}/attachments`;
  const attachments = useList<RequestAttachment>(path);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [failures, setFailures] = useState<{ key: number; name: string; text: string }[]>([]);
  const remove = useWrite((id: string) => api.delete(`${path}/${id}`), [`/requests/${requestId}`]);

  return (
    <>
      {canAttach && (
        <Upload.Dragger
          multiple
          accept={ACCEPT}
          showUploadList={false}
          aria-label="Upload attachments"
          beforeUpload={(file) => {
            if (file.size > MAX_ATTACHMENT_BYTES) {
              setFailures((f) => [
                ...f,
                { key: Date.now() + Math.random(), name: file.name, text: `is ${fileSize(file.size)}; the limit is 10 MB` },
              ]);
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            try {
              const saved = await uploadFile(requestId, f);
              onSuccess?.(saved);
              message.success(`${saved.fileName} attached.`);
              await client.invalidateQueries({
                predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(`/requests/${requestId}`),
              });
            } catch (err) {
              setFailures((list) => [...list, { key: Date.now() + Math.random(), name: f.name, text: uploadErrorText(err) }]);
              onError?.(err as Error);
            }
          }}
          style={{ marginBottom: 16 }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">Drop files here, or click to choose</p>
          <p className="ant-upload-hint">
            PDF, PNG, JPEG, Word, Excel, PowerPoint, text or CSV; at most 10 MB each. The type is checked from the content.
          </p>
        </Upload.Dragger>
      )}
      {failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable={{ onClose: () => setFailures([]) }}
          title="Not attached"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {failures.map((f) => (
                <li key={f.key}>
                  <strong>{f.name}</strong>: {f.text}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<RequestAttachment>
        rowKey="id"
        size="small"
        loading={attachments.isLoading}
        dataSource={attachments.data ?? []}
        pagination={false}
        locale={{ emptyText: 'No attachment yet.' }}
        aria-label="Attachments"
        columns={[
          {
            title: 'File',
            dataIndex: 'fileName',
            render: (name: string, a) => (
              <a href={buildUrl(`${path}/${a.id}`)} download={name}>
                <DownloadOutlined aria-hidden /> {name}
              </a>
            ),
          },
          { title: 'Type', dataIndex: 'contentType', render: (t: string) => <Typography.Text code>{t}</Typography.Text> },
          { title: 'Size', dataIndex: 'size', align: 'right', render: (s: number) => fileSize(s) },
          { title: 'Uploaded by', key: 'by', render: (_, a) => a.uploadedBy.name },
          { title: 'When', dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          ...(canRemove
            ? [
                {
                  title: <span className="tg-visually-hidden">Actions</span>,
                  key: 'remove',
                  width: 56,
                  render: (_: unknown, a: RequestAttachment) => (
                    <Popconfirm
                      title={`Remove ${a.fileName}?`}
                      okText="Remove"
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove.mutateAsync(a.id).catch((err: unknown) => {
                          message.error(errorText(err));
                        })
                      }
                    >
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={`Remove ${a.fileName}`} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
