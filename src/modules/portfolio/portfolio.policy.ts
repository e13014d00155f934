import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { canEditPmo } from '../org/index.ts';

/**
 * A portfolio is the PMO's: an admin, or a lead governing its PMO (directly or from a PMO
 * above), may create and edit it. Portfolios are readable by everybody, so a refusal is a 403.
 */
export async function assertCanManagePortfolioOf(db: Queryable, actor: Actor, pmo: { id: string; code: string }): Promise<void> {
  if (!(await canEditPmo(db, actor, pmo.id))) {
    throw new AppError(
      'FORBIDDEN',
      `only an admin or a lead of PMO ${pmo.code} (or of a PMO above it) may manage its portfolios`,
      {
        pmoId: pmo.id,
      },
    );
  }
}

export const canManagePortfolioOf = (db: Queryable, actor: Actor, pmoId: string) => canEditPmo(db, actor, pmoId);
