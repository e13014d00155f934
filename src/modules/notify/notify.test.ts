import { createHmac } from 'node:crypto';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendar } from './notify.calendar.ts';
import { signatureHeader, verifySignature } from './notify.delivery.ts';
import { emailByDefault, eventKinds } from './notify.kinds.ts';
import { mailOfNotice } from './notify.mail.ts';
import { webhookUrlProblem } from './notify.schema.ts';

describe('webhook URLs', () => {
  it.each([
    ['https://hooks.example.com/tollgate', null],
    ['http://10.0.0.5:8080/in?source=tollgate', null],
    ['ftp://hooks.example.com/x', 'must be an http or https URL'],
    ['file:///etc/passwd', 'must be an http or https URL'],
    ['javascript:alert(1)', 'must be an http or https URL'],
    ['hooks.example.com/x', 'must be an absolute URL (https://…)'],
    ['https://user:pw@hooks.example.com/x', 'must not hold a user name or password; the signature authenticates Tollgate'],
    ['https://user@hooks.example.com/x', 'must not hold a user name or password; the signature authenticates Tollgate'],
    ['https://hooks.example.com/x#part', 'must not have a fragment (#…)'],
  ])('%s → %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });
});

describe('the delivery signature', () => {
  const secret = 'whsec_0123';
  const body = '{"id":"e1","kind":"webhook.test","occurredAt":"2026-03-31T10:00:00.000Z","data":{}}';

  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const header = signatureHeader(secret, body, 1_774_951_200);
    const expected = createHmac('sha256', secret).update(`1774951200.${body}`).digest('hex');
    expect(header).toBe(`t=1774951200,v1=${expected}`);
  });

  it('verifies the body it signed, within the tolerance, and nothing else', () => {
    const now = new Date(1_774_951_200_000);
    const header = signatureHeader(secret, body, 1_774_951_200);
    expect(verifySignature(secret, body, header, { now })).toBe(true);
    expect(verifySignature(secret, `${body} `, header, { now })).toBe(false);
    expect(verifySignature('whsec_other', body, header, { now })).toBe(false);
    expect(verifySignature(secret, body, header, { now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(secret, body, 't=abc,v1=00', { now })).toBe(false);
    expect(verifySignature(secret, body, '', { now })).toBe(false);
  });
});

describe('kinds of notices', () => {
  it('e-mail returned, overdue and escalated reports by default, and not the rest of the reports', () => {
    expect(emailByDefault('status_report.returned')).toBe(true);
    expect(emailByDefault('status_report.overdue')).toBe(true);
    expect(emailByDefault('status_report.escalated')).toBe(true);
    expect(emailByDefault('status_report.due')).toBe(false);
    expect(emailByDefault('status_report.accepted')).toBe(false);
    expect(emailByDefault('never.registered')).toBe(false);
  });

  it('are dotted names, each with a label', () => {
    for (const kind of eventKinds()) {
      expect(kind.kind).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(kind.label.length).toBeGreaterThan(5);
    }
  });
});

describe('the e-mail of a notice', () => {
  it('greets the recipient, says what happened, links to the record and to the preferences', () => {
    const mail = mailOfNotice(
      { title: 'REQ-0007 needs more information: Invoice capture', body: 'Which suppliers first?', link: '/requests/r7' },
      { name: 'Pat Manager', address: 'pm@example.com' },
      'https://tollgate.example.com',
    );
    expect(mail.subject).toBe('REQ-0007 needs more information: Invoice capture');
    expect(mail.to).toEqual({ name: 'Pat Manager', address: 'pm@example.com' });
    expect(mail.text.split('\n')).toEqual([
      'Hello Pat Manager,',
      '',
      'REQ-0007 needs more information: Invoice capture',
      '',
      'Which suppliers first?',
      '',
      'Open it in Tollgate: https://tollgate.example.com/requests/r7',
      '',
      '—',
      'Tollgate e-mails you this kind of notice as you chose. Change it under My account: https://tollgate.example.com/account',
    ]);
  });
});

describe('the calendar', () => {
  it('renders all-day entries with stable ids and absolute links', () => {
    const text = renderCalendar(
      [
        { uid: 'report-1', title: 'Status report due: ERP', date: '2026-02-28', link: '/projects/p1' },
        { uid: 'gate-2@gates', title: 'Gate review', date: '2028-02-29', description: 'Phase 2 → 3' },
      ],
      { name: 'Tollgate: Pat', baseUrl: 'https://tollgate.example.com' },
    );
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Tollgate//Tollgate//EN');
    const parsed = calendar.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        start: e.startDate.toString(),
        allDay: e.startDate.isDate,
        description: e.description,
      };
    });
    expect(parsed).toEqual([
      {
        uid: 'report-1@tollgate',
        summary: 'Status report due: ERP',
        start: '2026-02-28',
        allDay: true,
        description: 'https://tollgate.example.com/projects/p1',
      },
      { uid: 'gate-2@gates', summary: 'Gate review', start: '2028-02-29', allDay: true, description: 'Phase 2 → 3' },
    ]);
  });
});
