/** The caseload row the Dexie projection stores: the shared projection of one young person's record. */
export type { ProjectionRow as CaseloadRow } from '../../shared/ydoc/projection.ts';
