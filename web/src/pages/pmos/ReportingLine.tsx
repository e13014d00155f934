import { BankOutlined, CrownOutlined, UserOutlined } from '@ant-design/icons';
import { Steps, Typography } from 'antd';
import type { PmoDetail } from '../../api/domain.ts';
import { humanize } from '../../lib/format.ts';

/**
 * The PMO's reporting line drawn top-down from the PMO to the top executive:
 * PMO → "Reports to COO · Holder" → "CEO · Holder".
 */
export function ReportingLine({ pmo }: { pmo: PmoDetail }) {
  const line = pmo.reportingLine.filter((pos) => pos !== null);
  const items = [
    {
      key: pmo.id,
      title: <Typography.Text strong>{pmo.name}</Typography.Text>,
      content: `${humanize(pmo.level)} PMO · ${pmo.code}`,
      icon: <BankOutlined aria-hidden />,
      status: 'finish' as const,
    },
    ...line.map((pos, i) => {
      const holder = pos.holderName ?? 'vacant';
      const top = i === line.length - 1;
      return {
        key: pos.positionId,
        title: (
          <Typography.Text strong>{i === 0 ? `Reports to ${pos.code} · ${holder}` : `${pos.code} · ${holder}`}</Typography.Text>
        ),
        content: pos.title,
        icon: top ? <CrownOutlined aria-hidden /> : <UserOutlined aria-hidden />,
        status: (top ? 'process' : 'finish') as 'process' | 'finish',
      };
    }),
  ];
  return (
    <section aria-label="Reporting line">
      {line.length === 0 ? (
        <Typography.Text type="warning">This PMO's reporting line is not set.</Typography.Text>
      ) : (
        <Steps orientation="vertical" size="small" items={items} />
      )}
    </section>
  );
}
