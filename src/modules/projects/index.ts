import { createRouter } from '../../kernel/http.ts';
import type { RecordVisibility } from '../audit/index.ts';

export function projectsRoutes() {
  return createRouter();
}
export const projectsVisibility: Record<string, RecordVisibility> = {};
