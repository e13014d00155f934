/**
 * Notifications, one shared part for every workflow: the in-app inbox, e-mail over SMTP, signed
 * webhooks and the personal iCalendar feed. Notices are written in the use case's transaction (an
 * outbox) and delivered by the job queue after the commit.
 */
import './notify.mail.ts';
import './notify.delivery.ts';

export { notifyRoutes } from './notify.routes.ts';
export { webhookRoutes } from './notify.webhooks.routes.ts';
/**
 * In the use case's transaction: inbox rows, e-mail jobs by preference, webhook jobs.
 * @example await notify(tx, { userIds: [pmUserId], kind: 'status_report.returned', title: 'PRJ-4: report returned', link: `/projects/${id}` })
 */
export { notify, publishEvent, MAIL_TASK, WEBHOOK_TASK } from './notify.outbox.ts';
export type { WebhookEvent } from './notify.outbox.ts';
/** The kinds of events: registered with their label and e-mail default. */
export { defineEventKind, eventKinds, TEST_EVENT_KIND } from './notify.kinds.ts';
export type { EventKind } from './notify.kinds.ts';
/** The personal iCalendar feed: modules register the entries they contribute. */
export { defineCalendarSource } from './notify.calendar.ts';
export type { CalendarEntry, CalendarSource } from './notify.calendar.ts';
/** For receivers and tests: the signature header of a delivery, and its check. */
export { signatureHeader, verifySignature } from './notify.delivery.ts';
export {
  notificationsAbout,
  listNotifications,
  markRead,
  markAllRead,
  markReadAboutInTx,
} from './notify.service.ts';
export type { Notice, NotificationView } from './notify.service.ts';
