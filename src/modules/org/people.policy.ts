import type { Actor } from '../../kernel/actor.ts';

/** Cost rates are the PMO's and resource management's to see (costs.read): admin, PMO leads and analysts, resource managers. */
export function mayReadCostRates(actor: Actor): boolean {
  return actor.permissions.has('costs.read');
}

/**
 * A person as the actor may read them: without the cost rate (null) unless they may see cost
 * rates. The people endpoints and the audit trail's person events use this one function.
 * @example redactPerson(viewer, { name: 'Ana', costRate: 95 }) // { name: 'Ana', costRate: null }
 */
export function redactPerson<T extends object>(actor: Actor, person: T): T {
  if (!('costRate' in person) || mayReadCostRates(actor)) return person;
  return { ...person, costRate: null };
}
