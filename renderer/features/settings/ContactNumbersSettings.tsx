import { useEffect, useId, useState, type FormEvent } from 'react';
import { useRecordStore } from '../../db/store-context.tsx';
import { phoneProblem, readContactNumbers, saveContactNumbers } from './contact-numbers.ts';

/** Settings › the numbers printed on a young person's "My plan": the PA's phone and out-of-hours. */
export function ContactNumbersSettings() {
  const { db } = useRecordStore();
  const baseId = useId();
  const [paPhone, setPaPhone] = useState('');
  const [outOfHoursPhone, setOutOfHoursPhone] = useState('');
  const [errors, setErrors] = useState<{ pa: string | null; ooh: string | null }>({ pa: null, ooh: null });
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void readContactNumbers(db).then((numbers) => {
      if (!live) return;
      setPaPhone(numbers.paPhone);
      setOutOfHoursPhone(numbers.outOfHoursPhone);
    });
    return () => {
      live = false;
    };
  }, [db]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const next = {
      pa: phoneProblem(paPhone, 'your work phone number'),
      ooh: phoneProblem(outOfHoursPhone, 'the out-of-hours number'),
    };
    setErrors(next);
    if (next.pa || next.ooh) return;
    await saveContactNumbers(db, { paPhone, outOfHoursPhone });
    setSaved('Numbers saved. They are printed on each young person’s “My plan”.');
  };

  const field = (
    key: 'pa' | 'ooh',
    label: string,
    hint: string,
    value: string,
    set: (value: string) => void,
  ) => {
    const id = `${baseId}-${key}`;
    const error = errors[key];
    return (
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
        {error ? (
          <p id={`${id}-error`} className="field-error">
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <input
          id={id}
          type="tel"
          autoComplete="off"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => set(event.target.value)}
        />
      </div>
    );
  };

  return (
    <section aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>Numbers for young people</h2>
      <p>These numbers are printed on each young person’s “My plan”.</p>
      <p role="status" className="saved">
        {saved}
      </p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        {field('pa', 'Your work phone number', 'The number young people call you on.', paPhone, setPaPhone)}
        {field(
          'ooh',
          'Out-of-hours number',
          'The council’s emergency duty team, for evenings, weekends and bank holidays.',
          outOfHoursPhone,
          setOutOfHoursPhone,
        )}
        <button type="submit" className="button">
          Save numbers
        </button>
      </form>
    </section>
  );
}
