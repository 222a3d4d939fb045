/**
 * The version of the record layout written by this code (stored in each Y.Doc; see ydoc/schema.ts).
 * In a module of its own so that code which only names the version (sign-in sends it to the sync
 * server: shared/protocol.ts `recordEncoding`) does not load the record's schemas.
 */
export const SCHEMA_VERSION = 2;
