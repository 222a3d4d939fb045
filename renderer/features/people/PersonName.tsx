import { usePersonName } from './use-people.ts';

/**
 * A person's name by user id, as plain text: "A former colleague" (or "A colleague" before the team list
 * reaches this laptop) for someone the list does not hold, never the id.
 */
export function PersonName({ id, nobody }: { id: string | null; nobody?: string }) {
  return <>{usePersonName(id, nobody)}</>;
}
