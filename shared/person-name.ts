/**
 * How a person is named on screen, in exports and in messages: by the name the team list gives them, never
 * by a user id. Pure, so every screen (renderer/features/people), export (server/exchange) and test names
 * people the same way.
 */

/** Shown for someone the laptop's team list does not hold (they have left the team). */
export const FORMER_COLLEAGUE = 'A former colleague';
/** Shown on a laptop that holds no team list yet (never signed in to the sync server). */
export const SOME_COLLEAGUE = 'A colleague';
/** Shown for writes made on a laptop used without signing in. */
export const NOT_SIGNED_IN_WRITER = 'Someone not signed in on this laptop';
/** The writer id used when nobody is signed in on a laptop. */
export const LOCAL_WRITER_ID = 'local-user';

/** The names a laptop knows: the signed-in user and the team list kept on the laptop, by user id. */
export interface PeopleDirectory {
  readonly self: { readonly id: string; readonly displayName: string } | null;
  readonly known: ReadonlyMap<string, string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Prefixed ids as accounts, seeds and devices carry them: `tm-…`, `pa-…`, `user-…`, `device-…`. */
const PREFIXED_ID = /^(?:tm|pa|admin|user|device|dev|team|duty)-[A-Za-z0-9_-]+$/i;
const HEX_ID = /^[0-9a-f]{8,}$/i;

/**
 * Whether a stored "who" is an internal id rather than a name somebody typed (older entries and imported
 * ones hold either).
 */
export function looksLikeInternalId(text: string): boolean {
  const trimmed = text.trim();
  return (
    trimmed === LOCAL_WRITER_ID ||
    UUID.test(trimmed) ||
    PREFIXED_ID.test(trimmed) ||
    HEX_ID.test(trimmed) ||
    (!/\s/.test(trimmed) && /\d/.test(trimmed) && /[-_.]/.test(trimmed))
  );
}

/**
 * A person's name from a user id (or from a name stored where older entries kept one). Never an id: someone
 * the team list does not hold is "A former colleague", or "A colleague" on a laptop with no team list.
 */
export function personName(directory: PeopleDirectory, who: string | null, nobody = 'Nobody'): string {
  if (who === null || who.trim() === '') return nobody;
  if (directory.self && who === directory.self.id) return directory.self.displayName;
  if (who === LOCAL_WRITER_ID) return NOT_SIGNED_IN_WRITER;
  const known = directory.known.get(who);
  if (known !== undefined) return known;
  if (!looksLikeInternalId(who)) return who;
  return directory.known.size > 0 ? FORMER_COLLEAGUE : SOME_COLLEAGUE;
}
