/**
 * Turning errors from the shared writers into messages at the fields of a form (GOV.UK error pattern).
 * The shared ValidationError names each failing field ('dueDate', 'profile.dateOfBirth',
 * 'contacts[2].at'); a form lists the fields it shows, and each issue goes to the field it names.
 */
import { ValidationError } from '../../shared/domain/errors.ts';
import { ukDatesIn } from './format.ts';

export interface FormError {
  /** The form field the error belongs to, or null for a problem with the whole form. */
  readonly field: string | null;
  readonly message: string;
}

/** The form field an issue's dotted path names: the field itself or the last segment that matches. */
export function fieldOf(path: string, fields: readonly string[]): string | null {
  if (fields.includes(path)) return path;
  const segments = path.replace(/\[\d+\]/g, '').split('.');
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment !== undefined && fields.includes(segment)) return segment;
  }
  return null;
}

/**
 * Messages from the shared checks ("must not be empty") read as sentences with the field's label, with
 * dates as people write them (d MMM yyyy), not as the checks do (yyyy-MM-dd).
 */
function sentence(label: string | undefined, message: string): string {
  const text = ukDatesIn(message.replace(/written yyyy-MM-dd/g, 'such as 31/3/2027'));
  if (label === undefined) return text.charAt(0).toUpperCase() + text.slice(1);
  if (/^[A-Z"]/.test(text)) return `${label}: ${text}`;
  return `${label} ${text}`;
}

/**
 * The errors to show for something a save threw. Validation issues go to their fields (labelled),
 * anything else becomes one message for the whole form.
 */
export function formErrorsFrom(error: unknown, labels: Readonly<Record<string, string>>): FormError[] {
  const fields = Object.keys(labels);
  if (error instanceof ValidationError) {
    return error.issues.map((issue) => {
      const field = fieldOf(issue.field, fields);
      return {
        field,
        message:
          field === null
            ? sentence(undefined, `${issue.field} ${issue.message}`)
            : sentence(labels[field], issue.message),
      };
    });
  }
  return [
    { field: null, message: error instanceof Error ? error.message : 'The change could not be saved.' },
  ];
}

/** Builds one field error with its label, for checks the form makes itself before saving. */
export function fieldError(
  field: string,
  labels: Readonly<Record<string, string>>,
  message: string,
): FormError {
  return { field, message: sentence(labels[field], message) };
}
