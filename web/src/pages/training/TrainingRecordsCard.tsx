import { Flex, Form, Input, Tag } from 'antd';
import { useList } from '../../api/hooks.ts';
import type { TrainingRecord } from '../../api/training.ts';
import { CourseSelect } from '../../components/pickers.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RecordsCard } from '../../components/RecordsCard.tsx';
import { expiryState, todayIso } from '../../lib/capacity.ts';
import { formatDate } from '../../lib/format.ts';
import { Evidence, ExpiryTag } from './trainingTags.tsx';
import { DateInput } from '../../components/DateInput.tsx';

interface Values {
  courseId: string;
  completedOn: string;
  expiresOn: string | null;
  evidence: string;
}

function toBody(v: Values, before: TrainingRecord | null) {
  const expiresOn = v.expiresOn || undefined;
  if (!before) return { courseId: v.courseId, completedOn: v.completedOn, expiresOn, evidence: v.evidence.trim() };
  return {
    completedOn: v.completedOn,
    // Without an expiry, a new completion date lets the server count it from the course's validity.
    ...(expiresOn ? { expiresOn } : {}),
    evidence: v.evidence.trim(),
  };
}

const formValues = (editing: TrainingRecord | null): Partial<Values> =>
  editing ? { ...editing, courseId: editing.course.id, evidence: editing.evidence ?? '' } : { completedOn: todayIso() };

/** A person's completed courses, with their expiry and evidence. */
export function TrainingRecordsCard({ personId, manage }: { personId: string; manage: boolean }) {
  const path = `/people/${personId}/training-records`;
  const records = useList<TrainingRecord>(path);
  const today = todayIso();
  // An older completion of a course taken again later no longer matters: it reads "renewed", not "expired".
  const latest = new Map<string, TrainingRecord>();
  for (const r of records.data ?? []) {
    const seen = latest.get(r.course.id);
    if (!seen || r.completedOn > seen.completedOn) latest.set(r.course.id, r);
  }
  const renewed = (r: TrainingRecord) => latest.get(r.course.id)?.id !== r.id;
  return (
    <RecordsCard<TrainingRecord, Values>
      title="Training records"
      noun="Training record"
      addLabel="Record training"
      list={records}
      listPath={path}
      exportButton={<ExportButton path="/api/v1/people/{id}/training-records" params={{ id: personId }} size="small" />}
      recordPath="/training-records"
      manage={manage}
      emptyText="No training recorded."
      invalidates={['/people', '/training', '/courses']}
      removeInvalidates={['/people', '/training']}
      toBody={toBody}
      formValues={formValues}
      itemLabel={(r) => `${r.course.code} record`}
      removeTitle={(r) => `Remove this ${r.course.code} record?`}
      removeDescription="Only for a record made in error."
      columns={[
        {
          title: 'Course',
          key: 'course',
          sorter: (a, b) => a.course.code.localeCompare(b.course.code),
          render: (_, r) => `${r.course.code} · ${r.course.title}`,
        },
        {
          title: 'Completed',
          dataIndex: 'completedOn',
          sorter: (a, b) => a.completedOn.localeCompare(b.completedOn),
          defaultSortOrder: 'descend',
          render: (v: string) => formatDate(v),
        },
        { title: 'Expires', dataIndex: 'expiresOn', render: (v: string | null) => formatDate(v) },
        {
          title: 'Status',
          key: 'status',
          filters: [
            { text: 'Expired', value: 'expired' },
            { text: 'Expiring within 90 days', value: 'expiring' },
          ],
          onFilter: (v, r) => !renewed(r) && expiryState(r.expiresOn, today).state === v,
          render: (_, r) => (renewed(r) ? <Tag>Renewed</Tag> : <ExpiryTag expiresOn={r.expiresOn} />),
        },
        { title: 'Evidence', dataIndex: 'evidence', render: (e: string | null) => <Evidence text={e} /> },
      ]}
    >
      {(isNew) => (
        <>
          <Form.Item label="Course" name="courseId" rules={[{ required: true, message: 'Choose a course' }]}>
            <CourseSelect disabled={!isNew} />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item
              label="Completed on"
              name="completedOn"
              rules={[{ required: true, message: 'Enter the date' }]}
              style={{ flex: 1 }}
            >
              <DateInput max={today} />
            </Form.Item>
            <Form.Item
              label="Expires on"
              name="expiresOn"
              style={{ flex: 1 }}
              extra="Leave empty to count the course's validity from completion."
              dependencies={['completedOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | null | undefined) =>
                    !v || !getFieldValue('completedOn') || v > getFieldValue('completedOn')
                      ? Promise.resolve()
                      : Promise.reject(new Error('Must be after the completion')),
                }),
              ]}
            >
              <DateInput />
            </Form.Item>
          </Flex>
          <Form.Item
            label="Evidence"
            name="evidence"
            rules={[
              { required: true, whitespace: true, message: 'Link or reference the certificate or attendance record' },
              { max: 2000 },
            ]}
          >
            <Input placeholder="https://… or a certificate number" />
          </Form.Item>
        </>
      )}
    </RecordsCard>
  );
}
