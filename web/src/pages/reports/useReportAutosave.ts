import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type FieldIssue, api } from '../../api/client.ts';
import { errorText } from '../../components/QueryState.tsx';
import { AUTOSAVE_DELAY_MS, type SaveStatus } from '../requests/useAutosave.ts';
import { type ReportContent, type ReportFormValues, type StatusReport, changedContent, toContent } from './reports.ts';

/**
 * Saves a status report draft as the project manager types, as the request form does
 * (requests/useAutosave.ts): changes wait ~1 s, then the fields that differ from the last save go
 * out in one PATCH with the version it was based on; the first save of a new report POSTs the
 * draft. One save at a time; a stale version (409) stops saving and asks to reload; field issues
 * (422) go to `onIssues`, with the forecasts in the order they were sent.
 */
export function useReportAutosave({
  form,
  projectId,
  report,
  milestoneIds,
  onSaved,
  onIssues,
  onExisting,
}: {
  form: FormInstance<ReportFormValues>;
  projectId: string;
  report: StatusReport | null;
  milestoneIds: readonly string[];
  onSaved: (report: StatusReport, created: boolean) => void;
  onIssues: (issues: FieldIssue[], sentForecastIds: string[]) => void;
  /** A new report's period already has a draft (or a submitted report): the one to open instead. */
  onExisting: (reportId: string, message: string) => void;
}) {
  const client = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const idRef = useRef<string | null>(report?.id ?? null);
  const versionRef = useRef<number | null>(report?.version ?? null);
  const savedRef = useRef<ReportContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  const callbacks = useRef({ onSaved, onIssues, onExisting });
  callbacks.current = { onSaved, onIssues, onExisting };
  const milestonesRef = useRef(milestoneIds);
  milestonesRef.current = milestoneIds;

  /** Adopts a report loaded from the server as the saved state (on load or after "reload"). */
  const adopt = useCallback((loaded: StatusReport, values: ReportFormValues) => {
    idRef.current = loaded.id;
    versionRef.current = loaded.version;
    savedRef.current = toContent(values, milestonesRef.current);
    stopped.current = false;
    setStatus({ kind: 'idle' });
  }, []);

  const saveNow = useCallback(async (): Promise<void> => {
    const content = toContent(form.getFieldsValue(true) as ReportFormValues, milestonesRef.current);
    const diff = changedContent(content, savedRef.current);
    if (Object.keys(diff).length === 0) {
      setStatus((s) => (s.kind === 'pending' ? { kind: 'saved', at: new Date() } : s));
      return;
    }
    if (!idRef.current && !content.asOf) {
      setStatus({ kind: 'error', message: 'choose the status date first' });
      return;
    }
    setStatus({ kind: 'saving' });
    const sentForecastIds = (content.milestoneForecasts ?? []).map((f) => f.milestoneId);
    try {
      const created = !idRef.current;
      const saved = idRef.current
        ? await api.patch<StatusReport>(`/projects/${projectId}/status-reports/${idRef.current}`, {
            ...diff,
            version: versionRef.current,
          })
        : await api.post<StatusReport>(`/projects/${projectId}/status-reports`, content);
      idRef.current = saved.id;
      versionRef.current = saved.version;
      savedRef.current = created ? content : { ...(savedRef.current ?? {}), ...diff };
      client.setQueryData([`/projects/${projectId}/status-reports/${saved.id}`], saved);
      void client.invalidateQueries({
        predicate: (q) =>
          typeof q.queryKey[0] === 'string' &&
          (q.queryKey[0].startsWith(`/projects/${projectId}/status-reports`) ||
            q.queryKey[0].startsWith(`/projects/${projectId}/report-periods`) ||
            q.queryKey[0].startsWith('/reporting/due')) &&
          q.queryKey[0] !== `/projects/${projectId}/status-reports/${saved.id}`,
      });
      setStatus({ kind: 'saved', at: new Date() });
      callbacks.current.onSaved(saved, created);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        stopped.current = true;
        setStatus({ kind: 'conflict' });
        return;
      }
      const existing = (err as ApiError | undefined)?.details as { reportId?: unknown } | undefined;
      if (err instanceof ApiError && err.code === 'ALREADY_EXISTS' && !idRef.current && typeof existing?.reportId === 'string') {
        stopped.current = true;
        setStatus({ kind: 'error', message: err.message });
        callbacks.current.onExisting(existing.reportId, err.message);
        return;
      }
      if (err instanceof ApiError && err.issues.length > 0) {
        callbacks.current.onIssues(err.issues, sentForecastIds);
        setStatus({ kind: 'error', message: err.issues.map((i) => `${i.field}: ${i.message}`).join('; ') });
        return;
      }
      setStatus({ kind: 'error', message: errorText(err) });
    }
  }, [client, form, projectId]);

  /** Saves whatever is pending now, after the save in flight; submitting awaits it. */
  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (stopped.current) return;
    while (inFlight.current) await inFlight.current;
    const run = saveNow().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    await run;
  }, [saveNow]);

  /** Call on every change: saves ~1 s after the last one. */
  const schedule = useCallback(() => {
    if (stopped.current) return;
    if (timer.current) clearTimeout(timer.current);
    setStatus((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  // Leaving the page saves what is pending rather than dropping it.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void saveNow();
      }
    },
    [saveNow],
  );

  return { status, schedule, flush, adopt, reportId: () => idRef.current, version: () => versionRef.current };
}
