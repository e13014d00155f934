import { AuditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import type { DecisionInput, DecisionResult, MissingCourse, OverAllocation } from '../../api/intake.ts';
import { leadsPmo, useMe } from '../../api/session.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { type Month, addDays, addMonthsToDay, allocationsFromDemand, todayIso } from '../../lib/capacity.ts';
import { currencySymbol, formatDate, formatMoney } from '../../lib/format.ts';
import { AllocationRows, type AllocationValues, ConditionRows } from './AllocationRows.tsx';
import { PortfolioSelect, ProjectManagerSelect } from './decisionPickers.tsx';

/** What the panel needs of a request: the API's InitiationRequest fits, and so does a flattened one. */
export interface DecidableRequest {
  id: string;
  code: string;
  title: string;
  state: string;
  pmoId?: string | null;
  pmo?: { id: string } | null;
  projectTypeId?: string | null;
  projectType?: { id: string } | null;
  wantedStart: string | null;
  durationMonths: number | null;
  totalCost: number;
  skillDemand?: readonly { skillId: string; month: string; fte: number }[];
  allowedActions: readonly string[];
}

interface Values {
  outcome: DecisionInput['outcome'];
  rationale: string;
  revisitOn?: string | null;
  projectCode?: string;
  projectName?: string;
  budget?: number;
  startDate?: string | null;
  plannedFinishDate?: string | null;
  projectManagerId?: string | null;
  portfolioId?: string | null;
  allocations?: AllocationValues[];
  conditions?: { text?: string; ownerPersonId?: string | null; dueOn?: string | null }[];
}

/** "Customer data platform" -> "CDP-001": a starting point the lead may change. */
export function suggestProjectCode(title: string): string {
  const letters = title
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 2 || /^[A-Z0-9]+$/.test(w))
    .map((w) => w[0]!.toUpperCase())
    .join('')
    .slice(0, 5);
  return `${letters || 'PRJ'}-001`;
}

function toBody(v: Values): DecisionInput {
  const day = (d?: string | null) => d || undefined;
  if (v.outcome !== 'approve') {
    return {
      outcome: v.outcome,
      rationale: v.rationale,
      ...(v.outcome === 'defer' ? { revisitOn: day(v.revisitOn) ?? null } : {}),
    };
  }
  return {
    outcome: 'approve',
    rationale: v.rationale,
    projectCode: v.projectCode?.trim(),
    projectName: v.projectName?.trim() || undefined,
    budget: v.budget,
    startDate: day(v.startDate),
    plannedFinishDate: day(v.plannedFinishDate),
    projectManagerId: v.projectManagerId ?? undefined,
    portfolioId: v.portfolioId ?? null,
    allocations: (v.allocations ?? []).map((a) => ({
      personId: a.personId ?? null,
      skillId: a.skillId ?? null,
      fte: a.fte ?? 0,
      startMonth: a.startMonth ?? '',
      endMonth: a.endMonth ?? '',
      overrideReason: a.overrideReason?.trim() || null,
    })),
    conditions: (v.conditions ?? [])
      .filter((c) => c.text?.trim())
      .map((c) => ({ text: c.text!.trim(), ownerPersonId: c.ownerPersonId ?? null, dueOn: day(c.dueOn) ?? null })),
  };
}

/**
 * The PMO lead's decision on a request in review: approve (project, budget, manager, people and
 * conditions), reject or defer, each with a rationale. Shown only when the request allows "decide".
 */
export function DecisionPanel({ request, onDecided }: { request: DecidableRequest; onDecided: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const showError = useServerErrors(form);
  const [missingCourses, setMissingCourses] = useState<MissingCourse[]>([]);
  const [overAllocated, setOverAllocated] = useState<Record<number, OverAllocation>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const pmoId = request.pmoId ?? request.pmo?.id ?? null;
  const projectTypeId = request.projectTypeId ?? request.projectType?.id ?? null;
  const outcome = Form.useWatch('outcome', form);
  const decide = useWrite(
    (body: DecisionInput) => api.post<DecisionResult>(`/requests/${request.id}/decision`, body),
    [`/requests`, '/projects', '/pmos', '/allocations', '/people'],
  );

  const start = request.wantedStart ?? null;
  const finish = start && request.durationMonths ? addDays(addMonthsToDay(start, request.durationMonths), -1) : null;

  // Each opening starts from the request's figures; the effect runs once the drawer's form is mounted.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an opening resets the form
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      outcome: 'approve',
      projectCode: suggestProjectCode(request.title),
      projectName: request.title,
      budget: request.totalCost || undefined,
      startDate: start,
      plannedFinishDate: finish,
      // The people and skills the request asks for, month by month: the lead names the people.
      allocations: allocationsFromDemand(request.skillDemand ?? []).map(
        (a): AllocationValues => ({
          skillId: a.skillId,
          personId: null,
          fte: a.fte,
          startMonth: a.startMonth,
          endMonth: a.endMonth,
        }),
      ),
      conditions: [],
    });
  }, [open]);

  if (!request.allowedActions.includes('decide')) return null;
  const allocationDefaults = (): AllocationValues => {
    const s = (form.getFieldValue('startDate') as string | null) ?? start;
    const f = (form.getFieldValue('plannedFinishDate') as string | null) ?? finish;
    const first: Month | null = s ? s.slice(0, 7) : null;
    return { fte: 0.5, startMonth: first, endMonth: f ? f.slice(0, 7) : first };
  };

  const openDrawer = () => {
    setMissingCourses([]);
    setOverAllocated({});
    setRefusal(null);
    setOpen(true);
  };

  const onFinish = async (v: Values) => {
    setMissingCourses([]);
    setOverAllocated({});
    setRefusal(null);
    try {
      const result = await decide.mutateAsync(toBody(v));
      setOpen(false);
      onDecided();
      if (result.project) {
        message.success(`Approved: project ${result.project.code} has its go-ahead.`);
        navigate(`/projects/${result.project.id}`);
      } else if (result.goAhead) {
        // Above the lead's limit: the go-ahead waits for the line's approval.
        message.success(
          `Approved by you; the go-ahead now waits for ${result.goAhead.waitingOn.join(', ')} (${result.goAhead.key}).`,
          6,
        );
        navigate(`/approvals/${result.goAhead.id}`);
      } else {
        message.success(v.outcome === 'reject' ? 'Request rejected.' : 'Request deferred.');
      }
    } catch (err) {
      if (err instanceof ApiError) {
        const details = (err.details ?? {}) as { missingCourses?: MissingCourse[] } & Partial<OverAllocation>;
        if (err.code === 'OVER_ALLOCATED' && details.months) {
          const index = details.allocationIndex ?? 0;
          setOverAllocated({ [index]: details as OverAllocation });
          message.error(`Allocation ${index + 1} is over capacity: see the figures under it.`, 6);
          return;
        }
        if (details.missingCourses?.length) {
          setMissingCourses(details.missingCourses);
          showError(err);
          return;
        }
        if (err.code === 'INVALID_STATE' || err.code === 'SELF_APPROVAL' || err.code === 'FORBIDDEN') {
          setRefusal(`${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}.`);
          return;
        }
      }
      showError(err);
    }
  };

  const mayOverride = leadsPmo(me.data, pmoId);
  return (
    <>
      <Button type="primary" icon={<AuditOutlined />} onClick={openDrawer}>
        Decide
      </Button>
      <Drawer
        title={`Decide on ${request.code} · ${request.title}`}
        open={open}
        onClose={() => setOpen(false)}
        size={980}
        destroyOnHidden
        footer={
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="primary" danger={outcome === 'reject'} loading={decide.isPending} onClick={() => form.submit()}>
              {outcome === 'reject' ? 'Reject request' : outcome === 'defer' ? 'Defer request' : 'Approve and give the go-ahead'}
            </Button>
          </Flex>
        }
      >
        {refusal && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title="Tollgate refused this decision"
            description={
              <>
                {refusal}
                {/inconsistent|driver|rated/i.test(refusal) && pmoId && (
                  <>
                    {' '}
                    <Link to={`/pmos/${pmoId}?tab=drivers`}>Open the strategic drivers</Link>
                  </>
                )}
              </>
            }
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          validateTrigger={['onChange', 'onBlur']}
          onFinish={onFinish}
          onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.projectManagerId) setMissingCourses([]);
            const rows = changed.allocations as (AllocationValues | undefined)[] | undefined;
            if (rows?.some((r) => r && Object.keys(r).some((k) => k !== 'overrideReason'))) setOverAllocated({});
          }}
        >
          <Form.Item name="outcome" label="Decision" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'approve', label: 'Approve' },
                { value: 'reject', label: 'Reject' },
                { value: 'defer', label: 'Defer' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="rationale"
            label="Rationale"
            rules={[{ required: true, whitespace: true, message: 'Say why: the rationale is recorded with the decision' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
          </Form.Item>
          {outcome === 'defer' && (
            <Form.Item
              name="revisitOn"
              label="Revisit on"
              rules={[{ required: true, message: 'When should the PMO look again?' }]}
            >
              <DateInput min={todayIso()} style={{ width: 200 }} />
            </Form.Item>
          )}
          {outcome === 'approve' && (
            <>
              <Divider titlePlacement="start">Project</Divider>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="projectCode"
                    label="Project code"
                    rules={[{ required: true, whitespace: true, message: 'Required' }, { max: 40 }]}
                  >
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="projectName" label="Project name" rules={[{ max: 200 }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="budget"
                    label={`Approved budget (${currencySymbol()})`}
                    extra={`Requested: ${formatMoney(request.totalCost)}`}
                    rules={[
                      { required: true, message: 'Required' },
                      { type: 'number', min: 0.01, message: 'Must be more than 0' },
                    ]}
                  >
                    <InputNumber style={{ width: '100%' }} min={0} step={1000} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="startDate" label="Start date" rules={[{ required: true, message: 'Required' }]}>
                    <DateInput />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name="plannedFinishDate"
                    label="Planned finish"
                    dependencies={['startDate']}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, v: string | null) => {
                          const s = getFieldValue('startDate') as string | null;
                          return !v || !s || v > s ? Promise.resolve() : Promise.reject(new Error('After the start date'));
                        },
                      }),
                    ]}
                  >
                    <DateInput />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="projectManagerId"
                    label="Project manager"
                    extra="Qualified people first: a manager who lacks the project type's training cannot be given the go-ahead."
                    rules={[{ required: true, message: 'Choose the project manager' }]}
                  >
                    <ProjectManagerSelect projectTypeId={projectTypeId} />
                  </Form.Item>
                  {missingCourses.length > 0 && (
                    <Alert
                      type="error"
                      showIcon
                      role="alert"
                      style={{ marginTop: -8, marginBottom: 16 }}
                      title="This person lacks the training the project type requires"
                      description={
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {missingCourses.map((c) => (
                            <li key={c.courseId}>
                              {c.code} · {c.title}
                              {c.reason === 'expired' ? ` (expired ${formatDate(c.expiredOn)})` : ' (never completed)'}
                            </li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="portfolioId" label="Portfolio">
                    <PortfolioSelect pmoId={pmoId} />
                  </Form.Item>
                </Col>
              </Row>
              <Divider titlePlacement="start">People and skills</Divider>
              <AllocationRows form={form} overAllocated={overAllocated} mayOverride={mayOverride} defaults={allocationDefaults} />
              <Divider titlePlacement="start">Conditions</Divider>
              <ConditionRows />
              <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                Approval is one step: the project is created in its first phase, the budget and baseline are set, the manager and
                people are assigned and the go-ahead is recorded — or nothing is written at all.
              </Typography.Paragraph>
            </>
          )}
        </Form>
      </Drawer>
    </>
  );
}
