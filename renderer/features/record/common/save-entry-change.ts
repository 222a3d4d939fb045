/**
 * The save of a form that changes an entry in place: writes only the fields that changed (against what
 * the form showed when it opened, edit-basis.ts), then closes the panel with what was saved, or shows
 * the errors the save threw.
 */
import type { FieldValues } from 'react-hook-form';
import type { CollectionEntries, CollectionName } from '../../../../shared/domain/model.ts';
import { updateEntry } from '../../../../shared/ydoc/write-record.ts';
import type { SchemaForm } from '../../../ui/form/index.ts';
import type { LoadedRecord } from '../use-record.ts';
import { useEditBasis } from './edit-basis.ts';
import { changedOnly, isEmptyPatch } from './patch.ts';
import { saveOrFail } from './save-or-fail.ts';

/** What every form that changes an entry in place is given. */
export interface ChangeFormProps {
  loaded: LoadedRecord;
  /** The element id of the panel (for the button's aria-controls). */
  id: string;
  /** Called after a save (with what to announce) or on cancel (null). */
  onDone: (announcement: string | null) => void;
}

/**
 * Returns the save for an edit form (errors are worded with the form's labels); `onDone` closes the
 * panel with its announcement ('Nothing was changed.' when no field changed).
 */
export function useEntryChange<I extends FieldValues, O>(
  loaded: LoadedRecord,
  form: SchemaForm<I, O>,
  onDone: ChangeFormProps['onDone'],
) {
  const basis = useEditBasis(loaded.doc);
  return async function saveChange<K extends CollectionName>(
    collection: K,
    entry: CollectionEntries[K],
    values: Partial<CollectionEntries[K]>,
    /** What was saved, announced once the panel closes. */
    saved: (patch: Partial<CollectionEntries[K]>) => string,
  ): Promise<void> {
    const patch = changedOnly(entry, values);
    if (isEmptyPatch(patch)) return onDone('Nothing was changed.');
    await saveOrFail(form, async () => {
      await loaded.save((doc, ctx) => updateEntry(doc, collection, entry.id, patch, ctx), basis);
      onDone(saved(patch));
    });
  };
}
