/** Transaction origins that tell where a change to a record came from. */

/** The user's own edits on this device: the only origin the undo manager tracks. */
export const LOCAL_EDIT_ORIGIN = Symbol('waymark-local-edit');

/** Updates merged from a backup file. */
export const BACKUP_ORIGIN = Symbol('waymark-backup');

/** A state the bulk first sync staged, written into the record's own database when it is first opened. */
export const STAGED_STATE_ORIGIN = Symbol('waymark-staged-state');
