import { ErrorSummary, TextField, useForm } from '../../ui/forms.tsx';
import { AdminForm } from './admin-parts.tsx';
import { serverFormError } from './server-form-error.ts';

/** A team's name: to add a team or rename one (names are unique; the server says when one is taken). */
export function TeamNameForm({
  title,
  initial,
  submitLabel,
  save,
}: {
  title: string;
  initial: string;
  submitLabel: string;
  save: (name: string) => Promise<void>;
}) {
  const form = useForm({ name: initial });
  async function submit() {
    if (!form.values.name.trim()) return form.fail([{ field: 'name', message: 'Enter a team name.' }]);
    try {
      await save(form.values.name);
      form.reset(initial === '' ? { name: '' } : { name: form.values.name });
    } catch (error) {
      form.fail([serverFormError(error, { name: 'name' })]);
    }
  }
  return (
    <AdminForm label={submitLabel} onSubmit={submit}>
      <ErrorSummary form={form} />
      <TextField form={form} name="name" label={title} />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </AdminForm>
  );
}
