import { Table } from 'antd';
import { useNavigate } from 'react-router';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatMoney, formatMoneyCompact, humanize, plural } from '../../lib/format.ts';
import { ChartCard } from '../performance/ChartCard.tsx';
import { RAG_DOT_COLOR } from '../reports/reports.ts';
import {
  type BudgetBar,
  type Dashboard,
  type RagBarRow,
  type RagColour,
  budgetBars,
  eacOverBac,
  percent,
  projectsPage,
  ragBars,
} from './dashboard.ts';

const PHASE_COLOUR = '#1d4ed8';
const NONE_COLOUR = '#d9d9d9';
const BUDGET_COLOURS: Record<BudgetBar['key'], string> = { bac: '#111827', ac: '#b91c1c', eac: '#b45309' };
const COLOURS: RagColour[] = ['green', 'amber', 'red'];

/** A count that opens the projects behind it; plain text when there are none. */
export function CountLink({ count, link, label }: { count: number; link: string; label: string }) {
  if (count === 0) return <span>0</span>;
  return (
    <Link to={projectsPage(link)} aria-label={`${label}: ${count}, open the projects`}>
      {count}
    </Link>
  );
}

/** Projects by phase of their lifecycle; a bar opens the projects in that phase. */
export function PhaseChart({ board }: { board: Dashboard }) {
  const navigate = useNavigate();
  const phases = board.projects.byPhase;
  return (
    <ChartCard
      title="Projects by phase"
      label="Number of projects in each lifecycle phase; select a bar to open its projects"
      empty={phases.length === 0 ? 'No projects match these filters' : null}
      height={Math.max(160, phases.length * 28 + 40)}
      summary={`${plural(board.projects.total, 'project')} in ${plural(phases.length, 'phase')}. Select a bar to open its projects.`}
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={phases} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={130} />
            <Tooltip />
            <Bar
              dataKey="count"
              name="Projects"
              fill={PHASE_COLOUR}
              cursor="pointer"
              onClick={(entry) => navigate(projectsPage((entry.payload as (typeof phases)[number]).link))}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={phases}
          columns={[
            { title: 'Phase', dataIndex: 'name' },
            {
              title: 'Projects',
              key: 'count',
              align: 'right',
              render: (_, p) => <CountLink count={p.count} link={p.link} label={`Projects in ${p.name}`} />,
            },
          ]}
        />
      )}
    />
  );
}

/**
 * The RAG per dimension, reported beside computed, each bar stacked green, amber, red and none: a
 * computed bar redder than its reported one is what the PMO looks for. A part opens its projects.
 */
export function RagChart({ board }: { board: Dashboard }) {
  const navigate = useNavigate();
  const rows = ragBars(board.rag.counts);
  const overall = board.rag.counts.find((c) => c.dimension === 'overall');
  return (
    <ChartCard
      title="RAG by dimension"
      label="Projects by RAG colour for each dimension, as reported by the project managers and as computed from the figures; select a part to open its projects"
      empty={board.projects.total === 0 ? 'No projects match these filters' : null}
      height={Math.max(220, rows.length * 34 + 60)}
      summary={
        overall
          ? `Overall: reported ${overall.reported.green} green, ${overall.reported.amber} amber, ${overall.reported.red} red; computed ${overall.computed.green} green, ${overall.computed.amber} amber, ${overall.computed.red} red; ${overall.reported.none} without a report.`
          : undefined
      }
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={150} />
            <Tooltip />
            <Legend />
            {COLOURS.map((colour) => (
              <Bar
                key={colour}
                dataKey={colour}
                name={humanize(colour)}
                stackId="rag"
                fill={RAG_DOT_COLOR[colour]}
                cursor="pointer"
                onClick={(entry) => navigate(projectsPage((entry.payload as RagBarRow).links[colour]))}
              />
            ))}
            <Bar dataKey="none" name="No RAG" stackId="rag" fill={NONE_COLOUR} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <ScrollRegion label="RAG counts by dimension">
          <Table<RagBarRow>
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: 'Dimension', dataIndex: 'name' },
              ...COLOURS.map((colour) => ({
                title: humanize(colour),
                key: colour,
                align: 'right' as const,
                render: (_: unknown, r: RagBarRow) => (
                  <CountLink count={r[colour]} link={r.links[colour]} label={`${r.name} ${colour}`} />
                ),
              })),
              { title: 'No RAG', dataIndex: 'none', align: 'right' },
            ]}
          />
        </ScrollRegion>
      )}
    />
  );
}

/** Budget at completion against actual cost and the estimate at completion, summed over the projects with figures. */
export function BudgetChart({ board }: { board: Dashboard }) {
  const { budget } = board;
  const bars = budgetBars(budget);
  const over = eacOverBac(budget);
  return (
    <ChartCard
      title="Budget, actual and forecast"
      label="Sum of budget at completion (BAC), actual cost (AC) and estimate at completion (EAC) of the projects with figures"
      empty={budget.projects === 0 ? 'No project has reported costs yet' : null}
      height={240}
      summary={
        <>
          Over {plural(budget.projects, 'project')} with figures: BAC {formatMoney(budget.bac)}, AC {formatMoney(budget.ac)}, EAC{' '}
          {formatMoney(budget.eac)}
          {over !== null && ` (${over >= 0 ? `${percent(over)} over` : `${percent(-over)} under`} the BAC)`}. Budget of all{' '}
          {plural(board.projects.total, 'project')}: {formatMoney(budget.totalBudget)}.{' '}
          <Link to={projectsPage(budget.link)} style={{ textDecoration: 'underline' }}>
            Open these projects
          </Link>
        </>
      }
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" />
            <YAxis tickFormatter={(v: number) => formatMoneyCompact(v)} width={70} />
            <Tooltip
              formatter={(v) => formatMoney(Number(v))}
              labelFormatter={(l) => bars.find((b) => b.label === l)?.title ?? l}
            />
            <Bar dataKey="value" name="Amount">
              {bars.map((b) => (
                <Cell key={b.key} fill={BUDGET_COLOURS[b.key]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <Table<BudgetBar>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={bars}
          columns={[
            { title: 'Figure', key: 'title', render: (_, b) => `${b.title} (${b.label})` },
            { title: 'Amount', dataIndex: 'value', align: 'right', render: (v: number) => formatMoney(v) },
          ]}
        />
      )}
    />
  );
}
