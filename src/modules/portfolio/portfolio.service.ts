import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import { type UnitOfWork, transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { alreadyExists, translateDbError } from '../org/index.ts';
import { assertCanManagePortfolioOf, canManagePortfolioOf } from './portfolio.policy.ts';
import * as repo from './portfolio.repo.ts';

export type PortfolioKind = 'portfolio' | 'program';

export interface PortfolioView {
  id: string;
  code: string;
  name: string;
  kind: PortfolioKind;
  description: string | null;
  pmoId: string;
  pmo: { id: string; code: string; name: string };
  ownerPersonId: string | null;
  ownerName: string | null;
  projectCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PortfolioDetailView extends PortfolioView {
  canEdit: boolean;
}

function portfolioView(row: repo.PortfolioJoined): PortfolioView {
  const p = row.portfolio;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind as PortfolioKind,
    description: p.description,
    pmoId: p.pmoId,
    pmo: { id: p.pmoId, code: row.pmoCode, name: row.pmoName },
    ownerPersonId: p.ownerPersonId,
    ownerName: row.ownerName,
    projectCount: toNumber(row.projectCount),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps: the portfolio's own fields, not names joined from elsewhere. */
function auditShape(view: PortfolioView) {
  const { id, code, name, kind, description, pmoId, ownerPersonId, version } = view;
  return { id, code, name, kind, description, pmoId, ownerPersonId, version };
}

const CONSTRAINT_FIELDS = {
  portfolios_code_unique: 'code',
  portfolios_pmo_id_pmos_id_fk: 'pmoId',
  portfolios_owner_person_id_people_id_fk: 'ownerPersonId',
};

async function write<T>(db: Db, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  try {
    return await transact(db, work);
  } catch (err) {
    throw translateDbError(err, 'portfolio', CONSTRAINT_FIELDS);
  }
}

export async function listPortfolios(db: Db, filter: { pmoId?: string; kind?: PortfolioKind } = {}): Promise<PortfolioView[]> {
  return (await repo.listPortfolios(db, filter)).map(portfolioView);
}

export async function getPortfolio(db: Queryable, actor: Actor, id: string): Promise<PortfolioDetailView> {
  const row = await repo.findPortfolioJoined(db, id);
  if (!row) throw notFound('portfolio', id);
  return { ...portfolioView(row), canEdit: await canManagePortfolioOf(db, actor, row.portfolio.pmoId) };
}

/** The PMO a portfolio is to belong to; an unknown id is a 422 on pmoId. */
async function requirePmo(db: Queryable, pmoId: string) {
  const pmo = await repo.findPmoSummary(db, pmoId);
  if (!pmo) throw invalid('pmoId', 'does not exist');
  return pmo;
}

async function requireOwner(db: Queryable, ownerPersonId: string | null | undefined) {
  if (ownerPersonId && !(await repo.personExists(db, ownerPersonId))) throw invalid('ownerPersonId', 'does not exist');
}

export interface CreatePortfolioInput {
  code: string;
  name: string;
  kind?: PortfolioKind;
  description?: string | null;
  pmoId: string;
  ownerPersonId?: string | null;
}

/** Creates a portfolio or program under a PMO the actor governs (or any, for an admin). */
export async function createPortfolio(db: Db, actor: Actor, input: CreatePortfolioInput): Promise<PortfolioDetailView> {
  return write(db, async ({ tx }) => {
    const pmo = await requirePmo(tx, input.pmoId);
    await assertCanManagePortfolioOf(tx, actor, pmo);
    if (await repo.findPortfolioByCode(tx, input.code)) throw alreadyExists('portfolio', 'code', input.code);
    await requireOwner(tx, input.ownerPersonId);
    const row = await repo.insertPortfolio(tx, {
      code: input.code,
      name: input.name,
      kind: input.kind ?? 'portfolio',
      description: input.description ?? null,
      pmoId: input.pmoId,
      ownerPersonId: input.ownerPersonId ?? null,
    });
    const view = await getPortfolio(tx, actor, row.id);
    await recordAudit(tx, actor, {
      entityType: 'portfolio',
      entityId: row.id,
      action: 'portfolio.created',
      after: auditShape(view),
    });
    return view;
  });
}

export interface UpdatePortfolioInput extends Partial<CreatePortfolioInput> {
  version: number;
}

/** Edits a portfolio; moving it to another PMO needs the right to manage both PMOs' portfolios. */
export async function updatePortfolio(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdatePortfolioInput,
): Promise<PortfolioDetailView> {
  return write(db, async ({ tx }) => {
    const before = await repo.findPortfolioJoined(tx, id);
    if (!before) throw notFound('portfolio', id);
    await assertCanManagePortfolioOf(tx, actor, { id: before.portfolio.pmoId, code: before.pmoCode });
    if (before.portfolio.version !== input.version) throw versionConflict('portfolio', id, input.version);
    if (input.pmoId !== undefined && input.pmoId !== before.portfolio.pmoId) {
      await assertCanManagePortfolioOf(tx, actor, await requirePmo(tx, input.pmoId));
    }
    if (input.code !== undefined && input.code !== before.portfolio.code) {
      const taken = await repo.findPortfolioByCode(tx, input.code);
      if (taken && taken.id !== id) throw alreadyExists('portfolio', 'code', input.code);
    }
    await requireOwner(tx, input.ownerPersonId);
    const row = await repo.updatePortfolio(tx, id, input.version, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      description: input.description,
      pmoId: input.pmoId,
      ownerPersonId: input.ownerPersonId,
    });
    if (!row) throw versionConflict('portfolio', id, input.version);
    const after = await getPortfolio(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'portfolio',
      entityId: id,
      action: 'portfolio.updated',
      before: auditShape(portfolioView(before)),
      after: auditShape(after),
    });
    return after;
  });
}
