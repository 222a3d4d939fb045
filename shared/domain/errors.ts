/** Validation errors that name the field at fault. Messages never echo free-text contents. */
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path to the field, with array positions in brackets: 'contacts[3].at'. */
  readonly field: string;
  readonly message: string;
}

/** Bad input: thrown by parsers and by every Y.Doc write helper before anything is written. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly subject: string;
  readonly issues: readonly FieldIssue[];

  constructor(subject: string, issues: readonly FieldIssue[]) {
    super(`Invalid ${subject}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.subject = subject;
    this.issues = issues;
  }
}

export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(value)' : out;
}

export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path, prefix), message: issue.message }));
}

/** Parses with a zod schema, throwing a ValidationError that names each failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, issuesFromZod(result.error));
  return result.data;
}
