import { createRouter } from '../../kernel/http.ts';
import type { RecordVisibility } from '../audit/index.ts';

export function standardsRoutes() {
  return createRouter();
}
export const standardsVisibility: Record<string, RecordVisibility> = {};
