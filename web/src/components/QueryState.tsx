import { Alert, Button, Card, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';

/** The message a person can act on, for any error a query or mutation raised. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `You do not have access to this. ${error.message}`;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function ErrorAlert({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={errorText(error)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** Loading skeleton, error alert or the page's content, for one record's page. */
export function RecordState({
  isLoading,
  error,
  refetch,
  backTo,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  refetch?: () => void;
  backTo?: { to: string; label: string };
  children: () => ReactNode;
}) {
  if (isLoading) {
    return (
      <Card aria-busy="true" aria-label="Loading">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (error) {
    if (error instanceof ApiError && error.status === 404) {
      return (
        <Result
          status="404"
          title="Not found"
          subTitle="This record does not exist, or you do not have access to it."
          extra={backTo && <Link to={backTo.to}>{backTo.label}</Link>}
        />
      );
    }
    return <ErrorAlert error={error} onRetry={refetch} />;
  }
  return <>{children()}</>;
}

export function EmptyState({ description, action }: { description: ReactNode; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {action}
    </Empty>
  );
}
