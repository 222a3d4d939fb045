/**
 * Saving a home visit: the contact entry and every linked change (shared/domain/home-visit.ts) written
 * with the record's own writers, in one Y.Doc transaction. Everything is first applied to a copy of the
 * record, so a change the record rules refuse throws before anything is written: never half a visit.
 */
import * as Y from 'yjs';
import type { AccommodationPeriod, CollectionEntries, CollectionName } from '../domain/model.ts';
import type { VisitChange, VisitOutcome } from '../domain/home-visit.ts';
import type { WriteContext } from './contested.ts';
import {
  addContact,
  addEntry,
  setAccommodationSuitability,
  setEntitlement,
  updateEntry,
} from './write-record.ts';

function applyChange(doc: Y.Doc, change: VisitChange, ctx: WriteContext): void {
  switch (change.kind) {
    case 'add':
      addEntry(doc, change.collection, change.entry, ctx);
      return;
    case 'update':
      updateEntry(
        doc,
        change.collection,
        change.id,
        change.patch as Partial<Omit<CollectionEntries[CollectionName], 'id'>>,
        ctx,
      );
      return;
    case 'suitability':
      setAccommodationSuitability(doc, change.id, change.assessment, ctx);
      if (change.concerns !== null) {
        const patch: Partial<AccommodationPeriod> = { suitabilityConcerns: [...change.concerns] };
        updateEntry(doc, 'accommodation', change.id, patch, ctx);
      }
      return;
    case 'entitlement':
      setEntitlement(doc, change.item, change.patch, ctx);
      return;
  }
}

function applyAll(doc: Y.Doc, visit: VisitOutcome, ctx: WriteContext): void {
  addContact(doc, visit.contact, ctx);
  for (const change of visit.changes) applyChange(doc, change, ctx);
}

/**
 * Writes a visit into a record's doc in one transaction (nested in the caller's, when there is one).
 * Throws the first writer's ValidationError, with nothing written, when any part is refused.
 */
export function writeVisit(doc: Y.Doc, visit: VisitOutcome, ctx: WriteContext): void {
  const trial = new Y.Doc({ gc: false });
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
  applyAll(trial, visit, ctx);
  trial.destroy();
  doc.transact(() => applyAll(doc, visit, ctx));
}
