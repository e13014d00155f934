import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { loadConfig } from '../../kernel/config.ts';
import type { Db } from '../../kernel/db.ts';
import { type TaskContext, defineTask } from '../../kernel/jobs.ts';
import { users } from '../auth/auth.tables.ts';
import { MAIL_TASK, type MailJob, publicBaseUrl } from './notify.outbox.ts';
import { notifications } from './notify.tables.ts';

/** One e-mail as Tollgate sends it. */
export interface Mail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

/** SMTP transports by URL, made once: nodemailer pools nothing unless asked, a transport is cheap to keep. */
const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * Sends one e-mail over SMTP_URL; without SMTP_URL writes its recipient and subject to the log
 * instead, so a developer sees what would have gone out. Throws when the server refuses it (the
 * mail job is then retried).
 */
export async function sendMail(mail: Mail): Promise<'sent' | 'logged'> {
  const config = loadConfig(process.env);
  if (!config.smtpUrl) {
    console.info(`mail (no SMTP_URL set, not sent): to ${mail.to.address}, subject "${mail.subject}"`);
    return 'logged';
  }
  await transportFor(config.smtpUrl).sendMail({
    from: config.mailFrom,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
  });
  return 'sent';
}

/** The e-mail of one notice: its title as the subject, its text, the link to the record and to the preferences. */
export function mailOfNotice(
  notice: { title: string; body: string | null; link: string | null },
  recipient: { name: string; address: string },
  baseUrl: string,
): Mail {
  const lines = [`Hello ${recipient.name},`, '', notice.title];
  if (notice.body) lines.push('', notice.body);
  if (notice.link) lines.push('', `Open it in Tollgate: ${baseUrl}${notice.link}`);
  lines.push('', '—', `Tollgate e-mails you this kind of notice as you chose. Change it under My account: ${baseUrl}/account`);
  return { to: recipient, subject: notice.title, text: lines.join('\n') };
}

/**
 * The mail job: reads the notice and its recipient when it runs (a deactivated user or a deleted
 * notice gets nothing) and sends it.
 */
export async function runMailJob(payload: MailJob, ctx: Pick<TaskContext, 'db'>): Promise<void> {
  const [row] = await (ctx.db as Db)
    .select({
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      name: users.displayName,
      address: users.email,
      active: users.active,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, payload.notificationId));
  if (!row?.active) return;
  await sendMail(mailOfNotice(row, { name: row.name, address: row.address }, publicBaseUrl()));
}

defineTask(MAIL_TASK, (payload, ctx) => runMailJob(payload as MailJob, ctx));
