import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Result, Steps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, type FieldIssue, api } from '../../api/client.ts';
import { useRecord } from '../../api/hooks.ts';
import type { InitiationRequest } from '../../api/requests.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordState } from '../../components/QueryState.tsx';
import { errorText } from '../../components/QueryState.tsx';
import { readableIssue } from '../../lib/formErrors.ts';
import { PeopleStep, PlanStep } from './PlanSteps.tsx';
import { RequestAttachments } from './RequestAttachments.tsx';
import { RequestStateTag } from './RequestStateTag.tsx';
import { BasicsStep, GovernanceStep, RisksStep } from './RequestSteps.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { SaveStatusLine } from './SaveStatus.tsx';
import { type RequestFormValues, STEPS, formNameOf, stepOfField, toFormValues } from './requestForm.ts';
import { useAutosave } from './useAutosave.ts';

const EMPTY: RequestFormValues = {
  title: '',
  problem: '',
  objectives: [''],
  benefits: [],
  dependencies: [],
  cost: {},
  skills: [],
  knownRisks: [],
};

/** Which form value a changed key clears from the submit's missing list. */
const API_FIELD_OF_VALUE: Record<string, string> = { cost: 'costEstimate', skills: 'skillDemand' };

/**
 * The guided form for drafting an initiation request: seven steps, one form, saved as it goes.
 * /requests/new creates the draft on its first save and continues at /requests/{id}/edit.
 */
export default function RequestEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<RequestFormValues>();
  const loaded = useRecord<InitiationRequest>(id ? `/requests/${id}` : null);
  const [request, setRequest] = useState<InitiationRequest | null>(null);
  const [missing, setMissing] = useState<FieldIssue[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const initialised = useRef<string | null>(null);
  const step = Math.min(Math.max(Number(params.get('step') ?? 0) || 0, 0), STEPS.length - 1);
  const setStep = (next: number) => {
    setParams(next === 0 ? {} : { step: String(next) }, { replace: true });
    window.scrollTo({ top: 0 });
  };

  const autosave = useAutosave({
    form,
    request,
    onSaved: (saved, created) => {
      setRequest(saved);
      if (created) {
        initialised.current = saved.id;
        navigate(`/requests/${saved.id}/edit${step ? `?step=${step}` : ''}`, { replace: true });
      }
    },
  });

  const adoptLoaded = (r: InitiationRequest) => {
    initialised.current = r.id;
    const values = toFormValues(r);
    form.resetFields();
    form.setFieldsValue(values);
    autosave.adopt(r, form.getFieldsValue(true) as RequestFormValues);
    setRequest(r);
  };

  // Fill the form once per request; later refetches (after our own saves) must not undo typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: adoptLoaded is stable in effect
  useEffect(() => {
    if (loaded.data && initialised.current !== loaded.data.id) adoptLoaded(loaded.data);
  }, [loaded.data]);

  const reload = async () => {
    const fresh = await loaded.refetch();
    if (fresh.data) {
      adoptLoaded(fresh.data);
      message.info('Reloaded the latest version of the request.');
    }
  };

  const submit = async () => {
    await autosave.flush();
    const current = request ?? loaded.data;
    if (!current) return;
    setSubmitting(true);
    try {
      const submitted = await api.post<InitiationRequest>(`/requests/${current.id}/submit`);
      client.setQueryData([`/requests/${current.id}`], submitted);
      await client.invalidateQueries({
        predicate: (q) => typeof q.queryKey[0] === 'string' && /^\/(requests|audit|notifications)/.test(q.queryKey[0]),
      });
      message.success(current.state === 'info_requested' ? 'Sent back to the PMO.' : 'Submitted to the PMO.');
      navigate(`/requests/${current.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        setMissing(err.issues);
        const fields = err.issues.flatMap((i) => {
          const name = formNameOf(i.field);
          return name ? [{ name: name as never, errors: [readableIssue(i.message)] }] : [];
        });
        form.setFields(fields);
      } else {
        message.error(errorText(err), 6);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const current = request ?? loaded.data ?? null;
  const stepsWithIssues = new Set(missing.map((m) => stepOfField(m.field)));

  const body = () => {
    if (current && !current.allowedActions.includes('edit')) {
      return (
        <Result
          status="info"
          title="This request cannot be edited now"
          subTitle="Only its requester edits a request, while it is a draft or the PMO has asked for information."
          extra={<Link to={`/requests/${current.id}`}>Open the request</Link>}
        />
      );
    }
    return (
      <>
        <PageHeader
          title={current ? `Edit ${current.code}` : 'New initiation request'}
          subtitle="Ask your PMO to start a project. Drafts save as you go; submit when every step is complete."
          tags={current && <RequestStateTag state={current.state} />}
          breadcrumbs={[
            { title: 'Overview', to: '/' },
            { title: 'Requests', to: '/requests' },
            ...(current ? [{ title: current.code, to: `/requests/${current.id}` }] : []),
            { title: current ? 'Edit' : 'New' },
          ]}
          extra={<SaveStatusLine status={autosave.status} onReload={() => void reload()} onRetry={() => void autosave.flush()} />}
        />
        <Card>
          <Steps
            size="small"
            current={step}
            onChange={setStep}
            aria-label="Steps of the request"
            items={STEPS.map((s, i) => ({ title: s.title, status: stepsWithIssues.has(i) ? 'error' : undefined }))}
            style={{ marginBottom: 24 }}
          />
          <Form<RequestFormValues>
            form={form}
            layout="vertical"
            initialValues={EMPTY}
            onValuesChange={(changed) => {
              autosave.schedule();
              const keys = Object.keys(changed).map((k) => API_FIELD_OF_VALUE[k] ?? k);
              if (missing.length) setMissing((m) => m.filter((i) => !keys.includes(i.field.split('.')[0] ?? '')));
            }}
            style={{ maxWidth: 1100 }}
          >
            <section hidden={step !== 0} aria-label="Basics">
              <BasicsStep />
            </section>
            <section hidden={step !== 1} aria-label="Governance">
              <GovernanceStep />
            </section>
            <section hidden={step !== 2} aria-label="Plan and cost">
              <PlanStep />
            </section>
            <section hidden={step !== 3} aria-label="People and skills">
              <PeopleStep />
            </section>
            <section hidden={step !== 4} aria-label="Risks">
              <RisksStep />
            </section>
          </Form>
          {step === 5 &&
            (current ? (
              <RequestAttachments
                requestId={current.id}
                canAttach={current.allowedActions.includes('attach')}
                canRemove={current.state === 'draft'}
              />
            ) : (
              <Result status="info" title="Give the request a title first" subTitle="Files attach to a saved draft." />
            ))}
          {step === 6 && (
            <ReviewStep
              form={form}
              request={current}
              missing={missing}
              onJump={setStep}
              onSubmit={() => void submit()}
              submitting={submitting}
            />
          )}
          <Flex justify="space-between" style={{ marginTop: 24 }}>
            <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
              Back
            </Button>
            {step < STEPS.length - 1 && (
              <Button type="primary" onClick={() => setStep(step + 1)}>
                Next: {STEPS[step + 1]?.title}
              </Button>
            )}
          </Flex>
        </Card>
      </>
    );
  };

  return (
    <RecordState
      isLoading={Boolean(id) && loaded.isLoading && !request}
      error={id ? loaded.error : null}
      refetch={() => loaded.refetch()}
      backTo={{ to: '/requests', label: 'Back to requests' }}
    >
      {body}
    </RecordState>
  );
}
