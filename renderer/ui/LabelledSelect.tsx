/** One choice in a select: the value kept and the words shown. */
export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A labelled select (outside a form-layer form) whose first option, with the value "", says what
 * choosing nothing means, e.g. "Every part of the record".
 */
export function LabelledSelect({
  id,
  label,
  value,
  onChange,
  emptyLabel,
  options,
  className = 'field',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  emptyLabel: string;
  options: readonly SelectOption[];
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
