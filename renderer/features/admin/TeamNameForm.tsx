import { z } from 'zod';
import { adminTeamNameSchema } from '../../../shared/admin-api.ts';
import { Form, requiredText, SubmitButton, TextField, useSchemaForm } from '../../ui/form/index.ts';
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
  const schema = z.object({
    name: requiredText('Enter a team name', { label: title, max: adminTeamNameSchema.shape.name }),
  });
  const form = useSchemaForm(schema, { name: initial });
  return (
    <Form
      form={form}
      label={submitLabel}
      onSubmit={async ({ name }) => {
        try {
          await save(name);
          form.methods.reset({ name: initial === '' ? '' : name });
        } catch (error) {
          form.fail([serverFormError(error, { name: 'name' })]);
        }
      }}
    >
      <TextField name="name" label={title} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
