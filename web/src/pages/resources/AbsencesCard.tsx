import { Flex, Form, Input } from 'antd';
import { useList } from '../../api/hooks.ts';
import type { Absence } from '../../api/resources.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RecordsCard } from '../../components/RecordsCard.tsx';
import { formatDate } from '../../lib/format.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Values = Pick<Absence, 'startsOn' | 'endsOn' | 'reason'>;

const workdaysLabel = (a: Absence) => {
  const days = Math.round((Date.parse(a.endsOn) - Date.parse(a.startsOn)) / 86_400_000) + 1;
  return `${days} day${days === 1 ? '' : 's'}`;
};

/** A person's absences (leave, training, sickness): they lower the capacity of the months they touch. */
export function AbsencesCard({ personId, manage }: { personId: string; manage: boolean }) {
  const path = `/people/${personId}/absences`;
  return (
    <RecordsCard<Absence, Values>
      title="Absences"
      noun="Absence"
      addLabel="Add absence"
      list={useList<Absence>(path)}
      listPath={path}
      exportButton={<ExportButton path="/api/v1/people/{id}/absences" params={{ id: personId }} size="small" />}
      recordPath="/absences"
      manage={manage}
      emptyText="No absences recorded."
      invalidates={['/people', '/resources']}
      toBody={(v) => ({ ...v, reason: v.reason.trim() })}
      itemLabel={(a) => `absence from ${formatDate(a.startsOn)}`}
      removeTitle={() => 'Remove this absence?'}
      columns={[
        {
          title: 'From',
          dataIndex: 'startsOn',
          sorter: (a, b) => a.startsOn.localeCompare(b.startsOn),
          defaultSortOrder: 'descend',
          render: (v: string) => formatDate(v),
        },
        { title: 'To', dataIndex: 'endsOn', render: (v: string) => formatDate(v) },
        { title: 'Length', key: 'length', render: (_, a) => workdaysLabel(a) },
        { title: 'Reason', dataIndex: 'reason' },
      ]}
    >
      {() => (
        <>
          <Flex gap={16}>
            <Form.Item
              label="First day"
              name="startsOn"
              rules={[{ required: true, message: 'Enter the first day' }]}
              style={{ flex: 1 }}
            >
              <DateInput />
            </Form.Item>
            <Form.Item
              label="Last day"
              name="endsOn"
              dependencies={['startsOn']}
              style={{ flex: 1 }}
              rules={[
                { required: true, message: 'Enter the last day' },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    !v || !getFieldValue('startsOn') || v >= getFieldValue('startsOn')
                      ? Promise.resolve()
                      : Promise.reject(new Error('Must not be before the first day')),
                }),
              ]}
            >
              <DateInput />
            </Form.Item>
          </Flex>
          <Form.Item
            label="Reason"
            name="reason"
            rules={[{ required: true, whitespace: true, message: 'Give a reason, e.g. Annual leave' }, { max: 500 }]}
          >
            <Input placeholder="Annual leave, training, sickness…" />
          </Form.Item>
        </>
      )}
    </RecordsCard>
  );
}
