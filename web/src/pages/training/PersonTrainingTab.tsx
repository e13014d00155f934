import { Flex } from 'antd';
import { can, useMe } from '../../api/session.ts';
import { CertificationsCard } from './CertificationsCard.tsx';
import { TrainingRecordsCard } from './TrainingRecordsCard.tsx';

/** A person's training records and external certifications; training managers record them. */
export function PersonTrainingTab({ personId }: { personId: string }) {
  const manage = can(useMe().data, 'training.manage');
  return (
    <Flex vertical gap={16}>
      <TrainingRecordsCard personId={personId} manage={manage} />
      <CertificationsCard personId={personId} manage={manage} />
    </Flex>
  );
}
