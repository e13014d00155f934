import type { Db, Tx } from './db.ts';

type AfterCommit = () => void | Promise<void>;

export interface UnitOfWork {
  tx: Tx;
  /** Runs after the transaction commits (notifications); never when it rolls back. */
  afterCommit(effect: AfterCommit): void;
}

/**
 * Runs one use case in one transaction. Everything it writes, including its audit events,
 * commits together or not at all; effects registered with afterCommit run only after commit.
 */
export async function transact<T>(db: Db, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const effects: AfterCommit[] = [];
  const result = await db.transaction(async (tx) => work({ tx, afterCommit: (e) => effects.push(e) }));
  for (const effect of effects) {
    try {
      await effect();
    } catch (err) {
      // A failed notification must not undo or fail a committed decision.
      console.error('after-commit effect failed:', err);
    }
  }
  return result;
}
