/** Who writes, and how a failed write is worded, for the manager's forms on a young person. */
import { ValidationError } from '../../../shared/domain/errors.ts';
import type { WriteContext } from '../../../shared/ydoc/contested.ts';
import { useSessionState } from '../../sync/session-context.tsx';
import { fieldLabel } from '../record/common/field-paths.ts';
import { useTeamToday } from './team-today.tsx';

/** Writer id when nobody is signed in (matches the PA workspace's placeholder). */
const LOCAL_WRITER = 'local-user';

/** A failed write in words: field labels, never internal keys. */
export function problemText(error: unknown): string {
  if (error instanceof ValidationError)
    return error.issues
      .map((issue) => {
        const label = fieldLabel(issue.field.split('.').pop() ?? '');
        return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${issue.message}`;
      })
      .join('; ');
  return (error as Error).message;
}

export function useWriteContext(): { ctx: WriteContext; by: string } {
  const { user } = useSessionState();
  const today = useTeamToday();
  return {
    ctx: { writer: user?.id ?? LOCAL_WRITER, today },
    by: user?.displayName ?? 'Team manager (not signed in)',
  };
}
