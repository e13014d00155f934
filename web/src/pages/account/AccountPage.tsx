import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { roleLabel } from '../../lib/format.ts';
import { ApiTokensCard } from './ApiTokensCard.tsx';
import { CalendarFeedCard } from './CalendarFeedCard.tsx';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { HolidayCoverCard } from './HolidayCoverCard.tsx';
import { NotificationPreferencesCard } from './NotificationPreferencesCard.tsx';

/**
 * My account: who I am, my password, my API tokens, what reaches me by e-mail, my calendar feed,
 * and, for approvers, who decides for them while they are away.
 */
export default function AccountPage() {
  const me = useMe().data;
  if (!me) return null;
  return (
    <>
      <PageHeader title="My account" breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'My account' }]} />
      <Flex vertical gap={16}>
        <Card title="Profile">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'name', label: 'Name', children: me.name },
              { key: 'email', label: 'E-mail', children: me.email },
              {
                key: 'roles',
                label: 'Roles',
                children: (
                  <Flex gap={4} wrap>
                    {me.roles.length === 0 ? '—' : me.roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>)}
                  </Flex>
                ),
              },
              {
                key: 'pmos',
                label: 'PMO memberships',
                children:
                  me.pmoMemberships.length === 0 ? 'None' : me.pmoMemberships.map((m) => roleLabel(`pmo_${m.role}`)).join(', '),
              },
            ]}
          />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <ChangePasswordCard />
          </Col>
          <Col xs={24} lg={14}>
            <ApiTokensCard />
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <NotificationPreferencesCard />
          </Col>
          <Col xs={24} lg={10}>
            <CalendarFeedCard />
          </Col>
        </Row>
        {can(me, 'approvals.decide') && <HolidayCoverCard me={me} />}
      </Flex>
    </>
  );
}
