/**
 * The team manager's part of the HTTP API (beside shared/protocol.ts; same conventions: Bearer token,
 * JSON, errors as `{ error, message }`).
 * - `GET /api/team/members`: the active PAs and managers of the caller's team, for the team's managers and
 *   PAs, so every laptop of the team names people (never shows a user id) and the manager's app can offer
 *   PAs for reassignment; cached on the device for offline use. A PA gets names and roles only (no
 *   usernames: those are sign-in names).
 * - `POST /api/team/assignments` `{ youngPersonId, paUsername }`: a team manager moves a young person
 *   between PAs of their own team. Moves across teams are the administrator's, by record reference
 *   (`/api/admin/records/<reference>/move`, shared/admin-api.ts).
 * - `GET /api/team/record-audit?record=<youngPersonId>&before=`: who has opened or changed one record of
 *   the manager's team (the audit log's rows for it, people named, newest first, in pages); team
 *   managers only, for records their team holds now. The look is itself audited.
 */
import { z } from 'zod';
import { assignRequestSchema, roleSchema } from './protocol.ts';

export const TEAM_API_PATHS = {
  members: '/api/team/members',
  assignments: '/api/team/assignments',
  /**
   * `GET`: changes a former PA sent to a young person of the manager's team after the young person was
   * reassigned (within the handover grace period), for the exception report.
   */
  lateChanges: '/api/team/late-changes',
  recordAudit: '/api/team/record-audit',
} as const;

export const teamMemberSchema = z.object({
  id: z.string().min(1),
  /** The sign-in name: only in a team manager's list (they reassign by it). */
  username: z.string().min(1).optional(),
  displayName: z.string().min(1),
  role: roleSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** An administrator, named (never listed among the team, never a reassignment choice). */
export const administratorNameSchema = z.object({ id: z.string().min(1), displayName: z.string().min(1) });

export const teamMembersResponseSchema = z.object({
  teamId: z.string().min(1),
  teamName: z.string().min(1),
  members: z.array(teamMemberSchema),
  /**
   * The active administrators, by name only: what an administrator writes into a record (a move to
   * another team) is named in its History rather than shown as "A former colleague".
   */
  administrators: z.array(administratorNameSchema).default([]),
});
export type TeamMembersResponse = z.infer<typeof teamMembersResponseSchema>;

export const teamAssignRequestSchema = assignRequestSchema;
export type TeamAssignRequest = z.infer<typeof teamAssignRequestSchema>;

export const teamAssignResponseSchema = z.object({
  assignment: z.object({
    youngPersonId: z.string(),
    paUserId: z.string(),
    teamId: z.string(),
    assignedAt: z.string(),
  }),
  previousPaUserId: z.string().nullable(),
});
export type TeamAssignResponse = z.infer<typeof teamAssignResponseSchema>;

/**
 * One young person with late changes from their former PA (grouped per PA): 'stored' changes reached the
 * record within the grace period; 'held-on-laptop' means the former PA's laptop tried to send changes
 * after the grace period: they are kept there, flagged, and the manager should arrange to take them in.
 */
export const lateChangeSchema = z.object({
  youngPersonId: z.string(),
  formerPaName: z.string(),
  kind: z.enum(['stored', 'held-on-laptop']),
  /** Stored changes, or refused attempts to send them. */
  changes: z.number().int().positive(),
  /** The newest of those changes (ISO date-time). */
  lastAt: z.string(),
});
export type LateChange = z.infer<typeof lateChangeSchema>;

export const lateChangesResponseSchema = z.object({ lateChanges: z.array(lateChangeSchema) });
export type LateChangesResponse = z.infer<typeof lateChangesResponseSchema>;
