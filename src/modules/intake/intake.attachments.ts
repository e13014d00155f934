import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { AppError, invalid, notFound } from '../../kernel/errors.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { canSeeRequest } from './intake.policy.ts';
import * as repo from './intake.repo.ts';
import type { AttachmentView } from './intake.schema.ts';
import { attachmentView, lockVisibleRequest } from './intake.service.ts';
import { EDITABLE_STATES } from './intake.states.ts';

/** The largest attachment: 10 MiB. A bigger file is refused with 413 PAYLOAD_TOO_LARGE. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Types accepted, as detected from the bytes (never from the name or the declared type). */
const ACCEPTED_BINARY: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
]);

/** Human-readable list for error messages and the OpenAPI description. */
export const ACCEPTED_TYPES = 'PDF, PNG, JPEG, Word (docx), Excel (xlsx), PowerPoint (pptx), UTF-8 plain text or CSV';

/** Text is UTF-8 with no control characters but tab, line feed, carriage return and form feed. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

export type DetectedType = { accepted: true; contentType: string } | { accepted: false; detected: string };

/**
 * What a file is, by its content: the magic bytes (the `file-type` package, which also looks
 * inside zip containers to tell docx/xlsx/pptx from a plain zip), else a UTF-8 text check. The
 * name only chooses between text/csv and text/plain, which bytes cannot tell apart.
 */
export async function detectAttachmentType(bytes: Uint8Array, fileName: string): Promise<DetectedType> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    return ACCEPTED_BINARY.has(detected.mime)
      ? { accepted: true, contentType: detected.mime }
      : { accepted: false, detected: `${detected.mime} (${detected.ext})` };
  }
  if (bytes.length > 0 && isPlainText(bytes)) {
    return { accepted: true, contentType: /\.csv$/i.test(fileName) ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8' };
  }
  return { accepted: false, detected: 'unrecognised binary content' };
}

/** A safe display name: no directories, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strip control characters from user input
  const clean = base.replace(/[\u0000-\u001F\u007F"]/g, '').trim();
  return (clean || 'attachment').slice(0, 200);
}

function assertMayAttach(actor: Actor, row: repo.RequestRow, states: ReadonlySet<string>, what: string): void {
  if (row.requesterUserId !== actor.userId) throw new AppError('FORBIDDEN', `only the requester may ${what}`);
  if (!states.has(row.state)) {
    throw new AppError('INVALID_STATE', `a request that is ${row.state} cannot ${what}`, { state: row.state, action: what });
  }
}

/**
 * Attaches a file to a request, by its requester while it is a draft or asked for information.
 * Refused: over 10 MiB (413), an empty file or a type not accepted by content (422 naming `file`).
 */
export async function uploadAttachment(db: Db, actor: Actor, id: string, file: unknown): Promise<AttachmentView> {
  if (!(file instanceof File)) throw invalid('file', 'attach one file in the multipart field "file"');
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `the file is ${file.size} bytes; the limit is ${MAX_ATTACHMENT_BYTES} (10 MiB)`, {
      limit: MAX_ATTACHMENT_BYTES,
    });
  }
  if (file.size === 0) throw invalid('file', 'is empty');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fileName = cleanFileName(file.name);
  const type = await detectAttachmentType(bytes, fileName);
  if (!type.accepted) throw invalid('file', `type ${type.detected} is not accepted; accepted: ${ACCEPTED_TYPES}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return transact(db, async ({ tx }) => {
    const row = await lockVisibleRequest(tx, actor, id);
    assertMayAttach(actor, row, EDITABLE_STATES, 'add attachments');
    const attachmentId = await repo.insertAttachment(tx, {
      requestId: id,
      fileName,
      contentType: type.contentType,
      size: bytes.length,
      sha256,
      content: Buffer.from(bytes),
      uploadedBy: actor.userId!,
    });
    const meta = (await repo.findAttachmentMeta(tx, id, attachmentId))!;
    const view = attachmentView(meta);
    await recordAudit(tx, actor, { entityType: 'request', entityId: id, action: 'request.attachment_added', after: view });
    return view;
  });
}

export async function listAttachments(db: Queryable, actor: Actor, id: string): Promise<AttachmentView[]> {
  if (!(await canSeeRequest(db, actor, id))) throw notFound('request', id);
  return (await repo.listAttachments(db, id)).map(attachmentView);
}

/** The stored bytes with their stored (detected) type; 404 when the request is not visible. */
export async function downloadAttachment(db: Queryable, actor: Actor, id: string, attachmentId: string) {
  if (!(await canSeeRequest(db, actor, id))) throw notFound('request', id);
  const row = await repo.attachmentContent(db, id, attachmentId);
  if (!row) throw notFound('attachment', attachmentId);
  return row;
}

/** Removes an attachment: the requester, while the request is a draft. */
export async function deleteAttachment(db: Db, actor: Actor, id: string, attachmentId: string): Promise<void> {
  await transact(db, async ({ tx }) => {
    const row = await lockVisibleRequest(tx, actor, id);
    const meta = await repo.findAttachmentMeta(tx, id, attachmentId);
    if (!meta) throw notFound('attachment', attachmentId);
    assertMayAttach(actor, row, new Set(['draft']), 'remove attachments');
    await repo.deleteAttachment(tx, id, attachmentId);
    await recordAudit(tx, actor, {
      entityType: 'request',
      entityId: id,
      action: 'request.attachment_removed',
      before: attachmentView(meta),
    });
  });
}

/** `attachment; filename="…"; filename*=UTF-8''…` with the name made header-safe. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
