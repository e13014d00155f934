import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { InitiationRequest, RequestContent } from '../../api/requests.ts';
import { errorText } from '../../components/QueryState.tsx';
import { type RequestFormValues, changedContent, toContent } from './requestForm.ts';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'needs-title' }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

export const AUTOSAVE_DELAY_MS = 1000;

/**
 * Saves the draft as the requester types: changes wait ~1 s, then the fields that differ from
 * the last save go out in one PATCH with the version it was based on (a POST creates the draft
 * once it has a title). One save at a time; a stale version stops saving and asks to reload.
 */
export function useAutosave({
  form,
  request,
  onSaved,
}: {
  form: FormInstance<RequestFormValues>;
  request: InitiationRequest | null;
  onSaved: (request: InitiationRequest, created: boolean) => void;
}) {
  const client = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const idRef = useRef<string | null>(request?.id ?? null);
  const versionRef = useRef<number | null>(request?.version ?? null);
  const savedRef = useRef<RequestContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  /** Adopts a request loaded from the server as the saved state (on load or after "reload"). */
  const adopt = useCallback((loaded: InitiationRequest, values: RequestFormValues) => {
    idRef.current = loaded.id;
    versionRef.current = loaded.version;
    savedRef.current = toContent(values);
    stopped.current = false;
    setStatus({ kind: 'idle' });
  }, []);

  const saveNow = useCallback(async (): Promise<void> => {
    const content = toContent(form.getFieldsValue(true) as RequestFormValues);
    const diff = changedContent(content, savedRef.current);
    if (Object.keys(diff).length === 0) {
      setStatus((s) => (s.kind === 'pending' ? { kind: 'saved', at: new Date() } : s));
      return;
    }
    if (!idRef.current && !content.title) {
      setStatus({ kind: 'needs-title' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const created = !idRef.current;
      const saved = idRef.current
        ? await api.patch<InitiationRequest>(`/requests/${idRef.current}`, { ...diff, version: versionRef.current })
        : await api.post<InitiationRequest>('/requests', content);
      idRef.current = saved.id;
      versionRef.current = saved.version;
      savedRef.current = { ...(savedRef.current ?? {}), ...diff, ...(created ? content : {}) };
      client.setQueryData([`/requests/${saved.id}`], saved);
      void client.invalidateQueries({ queryKey: ['/requests'] });
      setStatus({ kind: 'saved', at: new Date() });
      onSavedRef.current(saved, created);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        stopped.current = true;
        setStatus({ kind: 'conflict' });
        return;
      }
      if (err instanceof ApiError && err.issues.length > 0) {
        setStatus({ kind: 'error', message: err.issues.map((i) => `${i.field}: ${i.message}`).join('; ') });
        return;
      }
      setStatus({ kind: 'error', message: errorText(err) });
    }
  }, [client, form]);

  /** Saves whatever is pending now, after the save in flight; submit awaits it. */
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

  return { status, schedule, flush, adopt, requestId: () => idRef.current };
}
