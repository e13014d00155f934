import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import * as attachments from './intake.attachments.ts';
import { ACCEPTED_TYPES, MAX_ATTACHMENT_BYTES } from './intake.attachments.ts';
import {
  AttachmentSchema,
  type AttachmentView,
  CommentBody,
  CommentSchema,
  type CommentView,
  CreateRequestBody,
  OptionalReasonBody,
  ReasonBody,
  RequestListQuery,
  RequestSchema,
  type RequestSummary,
  RequestSummarySchema,
  UpdateRequestBody,
} from './intake.schema.ts';
import * as comments from './intake.comments.ts';
import * as service from './intake.service.ts';

const TAGS = ['Initiation requests'];

const AttachmentParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  attachmentId: z.uuid().openapi({ param: { name: 'attachmentId', in: 'path' } }),
});

const list = defineRoute('requests.read', {
  operationId: 'listRequests',
  method: 'get',
  path: '/requests',
  tags: TAGS,
  summary: 'The initiation requests the caller may see (own, sponsored, target PMO, reporting line), filtered',
  request: { query: RequestListQuery },
  responses: { 200: listResponse(RequestSummarySchema) },
});

const get = defineRoute('requests.read', {
  operationId: 'getRequest',
  method: 'get',
  path: '/requests/{id}',
  tags: TAGS,
  summary: 'One request with its comment count, attachments and the actions the caller may take',
  request: { params: IdParam },
  responses: { 200: json(RequestSchema) },
});

const create = defineRoute('requests.create', {
  operationId: 'createRequest',
  method: 'post',
  path: '/requests',
  tags: TAGS,
  summary: 'Start a draft request; only the title is required now',
  request: jsonBody(CreateRequestBody),
  responses: { 201: json(RequestSchema, 'Created') },
});

const update = defineRoute('requests.create', {
  operationId: 'updateRequest',
  method: 'patch',
  path: '/requests/{id}',
  tags: TAGS,
  summary: 'Save any subset of fields (the autosave): the requester, while draft or info_requested; with version',
  request: { params: IdParam, ...jsonBody(UpdateRequestBody) },
  responses: { 200: json(RequestSchema) },
});

/** A workflow move; the reason travels in the body and into the audit trail. */
function transition<const B extends typeof ReasonBody | typeof OptionalReasonBody>(
  operationId: string,
  access: 'requests.create' | 'requests.review',
  path: string,
  summary: string,
  body: B,
) {
  return defineRoute(access, {
    operationId,
    method: 'post',
    path: `/requests/{id}/${path}`,
    tags: TAGS,
    summary,
    request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: body } } } },
    responses: { 200: json(RequestSchema) },
  });
}

const submit = defineRoute('requests.create', {
  operationId: 'submitRequest',
  method: 'post',
  path: '/requests/{id}/submit',
  tags: TAGS,
  summary:
    'Submit a complete draft (422 names each missing field), or answer a request for information (back to in_review); the requester',
  request: { params: IdParam },
  responses: { 200: json(RequestSchema) },
});
const startReview = transition(
  'startRequestReview',
  'requests.review',
  'start-review',
  'Take a submitted request into review (a member of the target PMO, not the requester)',
  OptionalReasonBody,
);
const requestInfo = transition(
  'requestRequestInfo',
  'requests.review',
  'request-info',
  'Ask the requester for information; the question is the reason (a member of the target PMO)',
  ReasonBody,
);
const withdraw = transition(
  'withdrawRequest',
  'requests.create',
  'withdraw',
  'Withdraw a draft, open or deferred request, with a reason (the requester)',
  ReasonBody,
);
const reopen = transition(
  'reopenRequest',
  'requests.review',
  'reopen',
  'Take a deferred request back into review, with a reason (a member of the target PMO)',
  ReasonBody,
);

const listComments = defineRoute('requests.read', {
  operationId: 'listRequestComments',
  method: 'get',
  path: '/requests/{id}/comments',
  tags: TAGS,
  summary: 'The comment thread between requester and PMO, oldest first',
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(CommentSchema) },
});

const addComment = defineRoute('requests.read', {
  operationId: 'addRequestComment',
  method: 'post',
  path: '/requests/{id}/comments',
  tags: TAGS,
  summary: 'Comment on a request one may see',
  request: { params: IdParam, ...jsonBody(CommentBody) },
  responses: { 201: json(CommentSchema, 'Created') },
});

const UploadBody = z
  .object({
    file: z.any().openapi({
      type: 'string',
      format: 'binary',
      description: `At most ${MAX_ATTACHMENT_BYTES} bytes (10 MiB). Accepted, by content: ${ACCEPTED_TYPES}`,
    }),
  })
  .openapi('RequestAttachmentUpload');

const upload = defineRoute('requests.create', {
  operationId: 'uploadRequestAttachment',
  method: 'post',
  path: '/requests/{id}/attachments',
  tags: TAGS,
  summary: `Attach a file (multipart field "file", at most 10 MiB; type checked by content: ${ACCEPTED_TYPES})`,
  description:
    'The requester, while the request is a draft or asked for information. The type is detected from the bytes, not the name; ' +
    'a refused type answers 422 naming `file` with the detected type; a file over 10 MiB answers 413 PAYLOAD_TOO_LARGE.',
  request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: UploadBody } } } },
  responses: {
    201: json(AttachmentSchema, 'Attached'),
    413: json(z.object({ error: z.any() }), 'The file is over 10 MiB'),
  },
});

const listAttachments = defineRoute('requests.read', {
  operationId: 'listRequestAttachments',
  method: 'get',
  path: '/requests/{id}/attachments',
  tags: TAGS,
  summary: "The request's attachments (metadata)",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(AttachmentSchema) },
});

const download = defineRoute('requests.read', {
  operationId: 'downloadRequestAttachment',
  method: 'get',
  path: '/requests/{id}/attachments/{attachmentId}',
  tags: TAGS,
  summary: 'Download an attachment (as an attachment, with its detected type)',
  request: { params: AttachmentParams },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
    },
  },
});

const removeAttachment = defineRoute('requests.create', {
  operationId: 'deleteRequestAttachment',
  method: 'delete',
  path: '/requests/{id}/attachments/{attachmentId}',
  tags: TAGS,
  summary: 'Remove an attachment (the requester, while the request is a draft)',
  request: { params: AttachmentParams },
  responses: { 204: { description: 'Removed' } },
});

const REQUEST_COLUMNS: ExportColumn<RequestSummary>[] = [
  { header: 'Code', value: (r) => r.code },
  { header: 'Title', value: (r) => r.title },
  { header: 'State', value: (r) => r.state },
  { header: 'Requester', value: (r) => r.requester.name },
  { header: 'PMO', value: (r) => r.pmo?.name },
  { header: 'Project type', value: (r) => r.projectType?.name },
  { header: 'Wanted start', value: (r) => r.wantedStart, kind: 'date' },
  { header: 'Total cost', value: (r) => r.totalCost, kind: 'money' },
  { header: 'Last changed', value: (r) => r.updatedAt, kind: 'date' },
];

const COMMENT_COLUMNS: ExportColumn<CommentView>[] = [
  { header: 'Written', value: (m) => m.createdAt, kind: 'date' },
  { header: 'Author', value: (m) => m.author.name },
  { header: 'Comment', value: (m) => m.body },
];

const ATTACHMENT_COLUMNS: ExportColumn<AttachmentView>[] = [
  { header: 'File', value: (a) => a.fileName },
  { header: 'Type', value: (a) => a.contentType },
  { header: 'Size (bytes)', value: (a) => a.size, kind: 'number' },
  { header: 'Uploaded by', value: (a) => a.uploadedBy.name },
  { header: 'Uploaded', value: (a) => a.createdAt, kind: 'date' },
  { header: 'SHA-256', value: (a) => a.sha256 },
];

export function intakeRoutes() {
  const router = createRouter();
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;
  router.openapi(list, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'requests',
      load: (page) => service.listRequests(db(c), actorOf(c), query, page),
      columns: REQUEST_COLUMNS,
    });
  });
  router.openapi(get, async (c) => c.json(await service.getRequest(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(create, async (c) => c.json(await service.createRequest(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(update, async (c) =>
    c.json(await service.updateRequest(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(submit, async (c) => c.json(await service.submitRequest(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(startReview, async (c) =>
    c.json(await service.startReview(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  router.openapi(requestInfo, async (c) =>
    c.json(await service.requestInfo(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  router.openapi(withdraw, async (c) =>
    c.json(await service.withdrawRequest(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  router.openapi(reopen, async (c) =>
    c.json(await service.reopenRequest(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  router.openapi(listComments, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'request-comments',
      load: async (page) => slicePage(await comments.listComments(db(c), actorOf(c), c.req.valid('param').id), page),
      columns: COMMENT_COLUMNS,
    }),
  );
  router.openapi(addComment, async (c) =>
    c.json(await comments.addComment(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(upload, async (c) =>
    c.json(await attachments.uploadAttachment(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('form').file), 201),
  );
  router.openapi(listAttachments, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'request-attachments',
      load: async (page) => slicePage(await attachments.listAttachments(db(c), actorOf(c), c.req.valid('param').id), page),
      columns: ATTACHMENT_COLUMNS,
    }),
  );
  router.openapi(download, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await attachments.downloadAttachment(db(c), actorOf(c), id, attachmentId);
    return c.body(new Uint8Array(file.content), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': attachments.contentDisposition(file.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });
  router.openapi(removeAttachment, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    await attachments.deleteAttachment(db(c), actorOf(c), id, attachmentId);
    return c.body(null, 204);
  });
  return router;
}
