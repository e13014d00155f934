import { Flex, Form, Input } from 'antd';
import { useList } from '../../api/hooks.ts';
import type { Certification } from '../../api/training.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RecordsCard } from '../../components/RecordsCard.tsx';
import { formatDate } from '../../lib/format.ts';
import { Evidence, ExpiryTag } from './trainingTags.tsx';
import { DateInput } from '../../components/DateInput.tsx';

type Values = Pick<Certification, 'name' | 'issuer' | 'credentialId' | 'obtainedOn' | 'expiresOn' | 'evidence'>;

const blank = (s: string | null | undefined) => s?.trim() || null;

/** External certifications (PMP, PRINCE2, …) a person holds. */
export function CertificationsCard({ personId, manage }: { personId: string; manage: boolean }) {
  const path = `/people/${personId}/certifications`;
  return (
    <RecordsCard<Certification, Values>
      title="Certifications"
      noun="Certification"
      addLabel="Add certification"
      list={useList<Certification>(path)}
      listPath={path}
      exportButton={<ExportButton path="/api/v1/people/{id}/certifications" params={{ id: personId }} size="small" />}
      recordPath="/certifications"
      manage={manage}
      emptyText="No external certifications recorded."
      invalidates={['/people']}
      toBody={(v) => ({
        name: v.name.trim(),
        issuer: v.issuer.trim(),
        credentialId: blank(v.credentialId),
        obtainedOn: v.obtainedOn,
        expiresOn: v.expiresOn || null,
        evidence: blank(v.evidence),
      })}
      itemLabel={(c) => c.name}
      removeTitle={(c) => `Remove ${c.name}?`}
      columns={[
        {
          title: 'Certification',
          dataIndex: 'name',
          sorter: (a, b) => a.name.localeCompare(b.name),
          render: (n: string, c) => (c.credentialId ? `${n} (${c.credentialId})` : n),
        },
        { title: 'Issuer', dataIndex: 'issuer' },
        {
          title: 'Obtained',
          dataIndex: 'obtainedOn',
          sorter: (a, b) => a.obtainedOn.localeCompare(b.obtainedOn),
          render: (v: string) => formatDate(v),
        },
        { title: 'Status', key: 'status', render: (_, c) => <ExpiryTag expiresOn={c.expiresOn} /> },
        { title: 'Evidence', dataIndex: 'evidence', render: (e: string | null) => <Evidence text={e} /> },
      ]}
    >
      {() => (
        <>
          <Flex gap={16}>
            <Form.Item
              label="Name"
              name="name"
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: 'Enter a name, e.g. PMP' }, { max: 200 }]}
            >
              <Input />
            </Form.Item>
            <Form.Item label="Credential ID" name="credentialId" style={{ flex: 1 }} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Flex>
          <Form.Item
            label="Issuer"
            name="issuer"
            rules={[{ required: true, whitespace: true, message: 'Enter the issuer' }, { max: 200 }]}
          >
            <Input placeholder="Project Management Institute, AXELOS…" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item
              label="Obtained on"
              name="obtainedOn"
              style={{ flex: 1 }}
              rules={[{ required: true, message: 'Enter the date' }]}
            >
              <DateInput />
            </Form.Item>
            <Form.Item
              label="Expires on"
              name="expiresOn"
              style={{ flex: 1 }}
              extra="Leave empty if it does not expire."
              dependencies={['obtainedOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | null | undefined) =>
                    !v || !getFieldValue('obtainedOn') || v > getFieldValue('obtainedOn')
                      ? Promise.resolve()
                      : Promise.reject(new Error('Must be after the date obtained')),
                }),
              ]}
            >
              <DateInput />
            </Form.Item>
          </Flex>
          <Form.Item label="Evidence" name="evidence" rules={[{ max: 2000 }]}>
            <Input placeholder="https://… or a reference" />
          </Form.Item>
        </>
      )}
    </RecordsCard>
  );
}
