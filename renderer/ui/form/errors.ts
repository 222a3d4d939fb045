/**
 * The errors a form shows in its summary, in the order of the fields, from react-hook-form's error
 * tree (the zod resolver's issues and any set after a save failed).
 */
import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { FormError } from '../form-errors.ts';

function isErrorLeaf(value: unknown): value is { message?: unknown } {
  return typeof value === 'object' && value !== null && 'message' in value;
}

/**
 * Every error as { field, message }: field is the dotted path of the field, or null for the form as a
 * whole (react-hook-form's `root` errors). A field with a message is one error; its children are not.
 */
export function summaryErrors<V extends FieldValues>(errors: FieldErrors<V>): FormError[] {
  const found: FormError[] = [];
  const visit = (node: unknown, path: string | null) => {
    if (typeof node !== 'object' || node === null) return;
    if (isErrorLeaf(node) && typeof node.message === 'string' && node.message !== '') {
      found.push({ field: path === null || path.startsWith('root') ? null : path, message: node.message });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'ref' || key === 'type' || key === 'types') continue;
      visit(child, path === null ? key : `${path}.${key}`);
    }
  };
  visit(errors, null);
  return found;
}

/** The message for one field (dotted path), or null. */
export function errorAt<V extends FieldValues>(errors: FieldErrors<V>, name: string): string | null {
  let node: unknown = errors;
  for (const key of name.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string, unknown>)[key];
  }
  return isErrorLeaf(node) && typeof node.message === 'string' && node.message !== '' ? node.message : null;
}
