/** The end of every record form's save: what the save throws shows on the form, by field label. */
import type { FieldValues } from 'react-hook-form';
import { formErrorsFrom, type SchemaForm } from '../../../ui/form/index.ts';

/** Runs `save`; an error it throws goes to the form's error summary, worded with the form's labels. */
export async function saveOrFail<I extends FieldValues, O>(
  form: SchemaForm<I, O>,
  save: () => Promise<void>,
): Promise<void> {
  try {
    await save();
  } catch (error) {
    form.fail(formErrorsFrom(error, form.words.labels));
  }
}
