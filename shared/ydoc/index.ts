/** One Y.Doc per young person: layout, contested fields, typed read/write helpers and the Dexie projection. */
export * from './contested.ts';
export * from './projection.ts';
export * from './read-record.ts';
export * from './schema.ts';
export * from './write-record.ts';
export * from './field-path.ts';
export * from './history.ts';
export * from './migrate-record.ts';
