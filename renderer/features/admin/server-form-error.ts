import type { FormError } from '../../ui/form-errors.ts';
import { problemOf } from './use-admin.ts';

/**
 * A refusal from the server as a form error: the server names the field first (`displayName: enter …`,
 * `team: no such team`); the error goes to that field when the form has it, else to the whole form.
 */
export function serverFormError(error: unknown, fields: Readonly<Record<string, string>>): FormError {
  const message = problemOf(error).replace(/^The sync server refused: /, '');
  const named = /^([A-Za-z]+): (.*)$/.exec(message);
  const field = named?.[1] ? (fields[named[1]] ?? null) : null;
  const text = field && named?.[2] ? named[2] : message;
  return { field, message: text.charAt(0).toUpperCase() + text.slice(1).replace(/\.?$/, '.') };
}
