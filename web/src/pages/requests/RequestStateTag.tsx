import { Tag } from 'antd';
import { REQUEST_STATE_COLORS, REQUEST_STATE_LABELS, type RequestState } from '../../api/requests.ts';

/** A request's state, in the same colour everywhere. */
export function RequestStateTag({ state }: { state: RequestState }) {
  return (
    <Tag color={REQUEST_STATE_COLORS[state] ?? 'default'} data-state={state}>
      {REQUEST_STATE_LABELS[state] ?? state}
    </Tag>
  );
}
