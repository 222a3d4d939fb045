/** The one form layer: react-hook-form + the zod resolver, and one set of GOV.UK field components. */
export { Form, SubmitButton } from './Form.tsx';
export { ErrorSummary } from './ErrorSummary.tsx';
export {
  Checkbox,
  Checkboxes,
  DateField,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  type Option,
  type OptionGroup,
} from './fields.tsx';
export { focusWhenDrawn, focusWhenDrawnIfStill, useSchemaForm, type SchemaForm } from './use-schema-form.ts';
export { useResolvedForm } from './form-state.ts';
export * from './schema-fields.ts';
export type { FieldWords } from './context.ts';
export { errorAt, summaryErrors } from './errors.ts';
export { fieldError, formErrorsFrom, type FormError } from '../form-errors.ts';
