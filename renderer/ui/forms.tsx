/**
 * Accessible form building blocks (GOV.UK patterns): every input has a visible label, an optional hint
 * and its error message, both tied to it with aria-describedby; an error summary at the top of the
 * form links to each field and takes focus when a save fails.
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import type { FormError } from './form-errors.ts';

export type FormValues = Record<string, string | boolean>;

export interface FormApi<V extends FormValues> {
  readonly values: V;
  readonly errors: readonly FormError[];
  /** The element id of the error summary. */
  readonly summaryId: string;
  /** The element id of a field. */
  id(name: keyof V & string): string;
  set<K extends keyof V & string>(name: K, value: V[K]): void;
  /** Replaces the errors and, when there are any, moves focus to the error summary. */
  fail(errors: readonly FormError[]): void;
  reset(values?: V): void;
  errorFor(name: keyof V & string): string | null;
}

export function useForm<V extends FormValues>(initial: V): FormApi<V> {
  const prefix = useId();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const id = useCallback((name: string) => `${prefix}-${name}`, [prefix]);
  return {
    values,
    errors,
    summaryId: `${prefix}-error-summary`,
    id,
    set: (name, value) => setValues((current) => ({ ...current, [name]: value })),
    fail: (next) => {
      setErrors(next);
      if (next.length > 0)
        requestAnimationFrame(() => document.getElementById(`${prefix}-error-summary`)?.focus());
    },
    reset: (next) => {
      setValues(next ?? initial);
      setErrors([]);
    },
    errorFor: (name) => errors.find((error) => error.field === name)?.message ?? null,
  };
}

/** "There is a problem" box linking to each field in error (hash routing: links focus, never navigate). */
export function ErrorSummary<V extends FormValues>({ form }: { form: FormApi<V> }) {
  const titleId = useId();
  if (form.errors.length === 0) return null;
  return (
    <div className="error-summary" id={form.summaryId} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {form.errors.map((error, index) => (
          <li key={`${error.field ?? 'form'}-${index}`}>
            {error.field === null ? (
              error.message
            ) : (
              <a
                href={`#${form.id(error.field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(form.id(error.field ?? ''))?.focus();
                }}
              >
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps<V extends FormValues> {
  readonly form: FormApi<V>;
  readonly name: keyof V & string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
}

function describedBy(
  form: FormApi<FormValues>,
  name: string,
  hint: boolean,
  error: boolean,
): string | undefined {
  const ids = [hint ? `${form.id(name)}-hint` : null, error ? `${form.id(name)}-error` : null].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error: string | null }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  inputMode,
  autoComplete,
  width,
}: FieldProps<V> & { inputMode?: 'text' | 'numeric'; autoComplete?: string; width?: 'short' | 'medium' }) {
  const id = form.id(name);
  const error = form.errorFor(name);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        className={width ? `input--${width}` : undefined}
        value={String(form.values[name] ?? '')}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(
          form as unknown as FormApi<FormValues>,
          name,
          Boolean(hint),
          Boolean(error),
        )}
        onChange={(event) => form.set(name, event.target.value as V[typeof name])}
      />
    </div>
  );
}

/** A date typed as day/month/year (UK order); the form parses it with parseUkDate. */
export function DateField<V extends FormValues>(props: FieldProps<V>) {
  return <TextField {...props} width="medium" hint={props.hint ?? 'For example, 27/3/2027'} />;
}

export function TextArea<V extends FormValues>({
  form,
  name,
  label,
  hint,
  rows,
}: FieldProps<V> & { rows?: number }) {
  const id = form.id(name);
  const error = form.errorFor(name);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={rows ?? 3}
        value={String(form.values[name] ?? '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(
          form as unknown as FormApi<FormValues>,
          name,
          Boolean(hint),
          Boolean(error),
        )}
        onChange={(event) => form.set(name, event.target.value as V[typeof name])}
      />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export interface OptionGroup {
  readonly label: string;
  readonly options: readonly Option[];
}

export function SelectField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  options,
  groups,
  placeholder,
}: FieldProps<V> & { options?: readonly Option[]; groups?: readonly OptionGroup[]; placeholder?: string }) {
  const id = form.id(name);
  const error = form.errorFor(name);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        value={String(form.values[name] ?? '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(
          form as unknown as FormApi<FormValues>,
          name,
          Boolean(hint),
          Boolean(error),
        )}
        onChange={(event) => form.set(name, event.target.value as V[typeof name])}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A set of radio buttons in a fieldset whose legend is the question. */
export function RadioGroup<V extends FormValues>({
  form,
  name,
  label,
  hint,
  options,
  inline,
}: FieldProps<V> & { options: readonly Option[]; inline?: boolean }) {
  const id = form.id(name);
  const error = form.errorFor(name);
  return (
    <fieldset
      className={`field fieldset${error ? ' field--error' : ''}`}
      aria-describedby={describedBy(
        form as unknown as FormApi<FormValues>,
        name,
        Boolean(hint),
        Boolean(error),
      )}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className={inline ? 'radios radios--inline' : 'radios'}>
        {options.map((option, index) => (
          <div className="radio" key={option.value}>
            <input
              type="radio"
              id={index === 0 ? id : `${id}-${option.value}`}
              name={id}
              value={option.value}
              checked={form.values[name] === option.value}
              onChange={() => form.set(name, option.value as V[typeof name])}
            />
            <label htmlFor={index === 0 ? id : `${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox<V extends FormValues>({ form, name, label, hint }: FieldProps<V>) {
  const id = form.id(name);
  const error = form.errorFor(name);
  return (
    <div className={`field checkbox${error ? ' field--error' : ''}`}>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="radio">
        <input
          type="checkbox"
          id={id}
          name={name}
          checked={form.values[name] === true}
          aria-describedby={describedBy(
            form as unknown as FormApi<FormValues>,
            name,
            Boolean(hint),
            Boolean(error),
          )}
          onChange={(event) => form.set(name, event.target.checked as V[typeof name])}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
