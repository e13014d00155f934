import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, type FieldIssue, api } from '../../api/client.ts';
import { errorText } from '../../components/QueryState.tsx';
import { readableIssue } from '../../lib/formErrors.ts';
import { SaveStatusLine } from '../requests/SaveStatus.tsx';
import { ReportForm } from './ReportForm.tsx';
import {
  type Milestone,
  type RagKey,
  type ReportFormValues,
  type StatusReport,
  emptyFormValues,
  formFieldOf,
  toFormValues,
} from './reports.ts';
import { useReportAutosave } from './useReportAutosave.ts';

/** The queries a report's writes change: its project's reports, periods and status, the caller's due list. */
export function isReportQuery(projectId: string) {
  return (q: { queryKey: readonly unknown[] }) => {
    const first = q.queryKey[0];
    return (
      typeof first === 'string' &&
      (first.startsWith(`/projects/${projectId}/`) ||
        first.startsWith('/reporting/due') ||
        first.startsWith('/status-reports') ||
        first.startsWith('/audit') ||
        first.startsWith('/notifications'))
    );
  };
}

/**
 * A draft being written: the form, saved as it goes, and "Submit to the PMO". `report` is null for a
 * new report, whose first save creates the draft (and moves the page to its address).
 */
export function ReportEditor({
  projectId,
  report,
  initialAsOf,
  ragKeys,
  milestones,
  period,
  today,
  plannedFinish,
  onCreated,
}: {
  projectId: string;
  report: StatusReport | null;
  initialAsOf: string | null;
  ragKeys: readonly RagKey[];
  milestones: readonly Milestone[];
  period: { periodStart: string; periodEnd: string } | null;
  today: string;
  plannedFinish: string | null;
  /** The first save of a new report created its draft. */
  onCreated: (reportId: string) => void;
}) {
  const [form] = Form.useForm<ReportFormValues>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [missing, setMissing] = useState<FieldIssue[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const initialised = useRef<string | null>(null);
  const milestoneIds = useMemo(() => milestones.filter((m) => !m.achievedOn).map((m) => m.id), [milestones]);
  // The form is filled once; later replies must not undo typing.
  const [initialValues] = useState(() => (report ? toFormValues(report) : emptyFormValues(initialAsOf)));

  /** Puts each server issue under its input; what belongs to no input is listed above the form. */
  const placeIssues = (issues: FieldIssue[], sentForecastIds: string[]): FieldIssue[] => {
    const unplaced: FieldIssue[] = [];
    const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const issue of issues) {
      const name = formFieldOf(issue.field, issue.message, sentForecastIds, milestones);
      if (!name) {
        unplaced.push(issue);
        continue;
      }
      const key = name.join('.');
      const entry = fields.get(key) ?? { name, errors: [] };
      entry.errors.push(readableIssue(issue.message));
      fields.set(key, entry);
    }
    form.setFields([...fields.values()] as never);
    const first = [...fields.values()][0];
    if (first) form.scrollToField(first.name as never, { block: 'center' });
    return unplaced;
  };

  const autosave = useReportAutosave({
    form,
    projectId,
    report,
    milestoneIds,
    onSaved: (saved, created) => {
      if (created) {
        initialised.current = saved.id;
        onCreated(saved.id);
        navigate(`/projects/${projectId}/status-reports/${saved.id}`, { replace: true });
      }
    },
    onIssues: (issues, sent) => {
      placeIssues(issues, sent);
    },
    onExisting: (reportId, text) => {
      message.info(`${text.replace(/^asOf: /, '')} — opening it.`, 6);
      navigate(`/projects/${projectId}/status-reports/${reportId}`, { replace: true });
    },
  });

  // Adopt the loaded draft as what is saved, once per draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: autosave.adopt is stable
  useEffect(() => {
    if (report && initialised.current !== report.id) {
      initialised.current = report.id;
      autosave.adopt(report, form.getFieldsValue(true) as ReportFormValues);
    }
  }, [report]);

  const reload = async () => {
    const id = autosave.reportId();
    if (!id) return;
    const fresh = await api.get<StatusReport>(`/projects/${projectId}/status-reports/${id}`);
    client.setQueryData([`/projects/${projectId}/status-reports/${id}`], fresh);
    form.resetFields();
    form.setFieldsValue(toFormValues(fresh));
    autosave.adopt(fresh, form.getFieldsValue(true) as ReportFormValues);
    message.info('Reloaded the latest version of the report.');
  };

  const submit = async () => {
    await autosave.flush();
    const id = autosave.reportId();
    if (!id) {
      message.error('Fill in the report first: the draft is saved once it has a status date.', 6);
      return;
    }
    setSubmitting(true);
    try {
      const submitted = await api.post<StatusReport>(`/projects/${projectId}/status-reports/${id}/submit`, {
        version: autosave.version(),
      });
      setMissing([]);
      client.setQueryData([`/projects/${projectId}/status-reports/${id}`], submitted);
      await client.invalidateQueries({
        predicate: (q) => isReportQuery(projectId)(q) && q.queryKey[0] !== `/projects/${projectId}/status-reports/${id}`,
      });
      message.success('Submitted to the PMO.');
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        const sent = milestoneIds.filter((m) => (form.getFieldValue(['forecasts', m]) as string | null) != null);
        placeIssues(err.issues, sent);
        setMissing(err.issues);
      } else if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        message.error('This draft was changed elsewhere. Reload it and submit again.', 6);
      } else {
        message.error(errorText(err), 6);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <SaveStatusLine status={autosave.status} onReload={() => void reload()} onRetry={() => void autosave.flush()} />
        <Button type="primary" onClick={() => void submit()} loading={submitting}>
          Submit to the PMO
        </Button>
      </Flex>
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title="The report cannot be submitted yet"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {missing.map((m) => (
                <li key={`${m.field}-${m.message}`}>
                  <Typography.Text>{issueText(m)}</Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <ReportForm
        form={form}
        ragKeys={ragKeys}
        milestones={milestones}
        period={period}
        today={today}
        plannedFinish={plannedFinish}
        initialValues={initialValues}
        onValuesChange={(changed) => {
          autosave.schedule();
          if (missing.length) {
            const keys = Object.keys(changed).map((k) => (k === 'forecasts' ? 'milestoneForecasts' : k));
            setMissing((list) => list.filter((i) => !keys.includes(i.field.split('.')[0] ?? '')));
          }
        }}
      />
      <Flex justify="flex-end" style={{ marginTop: 16 }}>
        <Button type="primary" onClick={() => void submit()} loading={submitting}>
          Submit to the PMO
        </Button>
      </Flex>
    </>
  );
}

const FIELD_LABELS: Record<string, string> = {
  asOf: 'Status date',
  percentComplete: 'Percent complete',
  actualCost: 'Actual cost to date',
  forecastFinish: 'Forecast finish',
  milestoneForecasts: 'Key milestones',
  baseline: 'Cost baseline',
  projectId: 'Project',
};

/** "Reason (Scope): is required when scope is amber" — an issue as the list above the form reads. */
function issueText(issue: FieldIssue): string {
  const [top, key] = issue.field.split('.');
  const label =
    top === 'rag' && key
      ? `${key.charAt(0).toUpperCase()}${key.slice(1)} RAG`
      : top === 'ragReasons' && key
        ? `Reason (${key.charAt(0).toUpperCase()}${key.slice(1)})`
        : (FIELD_LABELS[top ?? ''] ?? issue.field);
  return `${label}: ${issue.message}`;
}
