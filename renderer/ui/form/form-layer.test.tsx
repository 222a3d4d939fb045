import { renderToStaticMarkup } from 'react-dom/server';
import { FormProvider, useForm, type FieldErrors } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contactSchema, profileSchema } from '../../../shared/domain/schemas.ts';
import { FormIdsContext, type FieldWords } from './context.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { errorAt, summaryErrors } from './errors.ts';
import { DateField, RadioGroup, TextArea, TextField } from './fields.tsx';
import {
  characterCountMessage,
  choice,
  maxLengthOf,
  optionalUkDate,
  requiredText,
  requiredUkDate,
  YES_NO_OPTIONS,
  yesNo,
} from './schema-fields.ts';

const nameForm = z.object({
  givenName: requiredText("Enter the young person's given name", {
    label: 'Given name',
    max: profileSchema.shape.givenName,
  }),
  dateOfBirth: requiredUkDate('Enter the date of birth', { label: 'Date of birth' }),
  seenAlone: yesNo('Select yes if you saw them on their own'),
  left: optionalUkDate({ label: 'Date they left care' }),
});

async function resolve(values: Record<string, unknown>) {
  const resolver = zodResolver(nameForm);
  return resolver(values as z.input<typeof nameForm>, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
}

describe('form schemas', () => {
  it('takes text limits from the shared record schemas', () => {
    expect(maxLengthOf(contactSchema.shape.notes)).toBe(20000);
    expect(maxLengthOf(profileSchema.shape.givenName)).toBe(100);
    expect(maxLengthOf(profileSchema.shape.preferredName)).toBe(100);
    expect(maxLengthOf(contactSchema.shape.seen)).toBeNull();
  });

  it('words empty required fields "Enter …" and "Select …" on the first check, in field order', async () => {
    const result = await resolve({ givenName: '   ', dateOfBirth: '', seenAlone: '', left: '' });
    expect(summaryErrors(result.errors)).toEqual([
      { field: 'givenName', message: "Enter the young person's given name" },
      { field: 'dateOfBirth', message: 'Enter the date of birth' },
      { field: 'seenAlone', message: 'Select yes if you saw them on their own' },
    ]);
  });

  it('turns what was typed into the values the writers take', async () => {
    const result = await resolve({
      givenName: ' Ada ',
      dateOfBirth: '5 Jul 2008',
      seenAlone: 'no',
      left: '',
    });
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({
      givenName: 'Ada',
      dateOfBirth: '2008-07-05',
      seenAlone: false,
      left: null,
    });
  });

  it('says which date is not real and which text is too long', async () => {
    const result = await resolve({
      givenName: 'x'.repeat(101),
      dateOfBirth: '31/2/2008',
      seenAlone: 'yes',
      left: 'soon',
    });
    expect(errorAt(result.errors, 'givenName')).toBe('Given name must be 100 characters or fewer');
    expect(errorAt(result.errors, 'dateOfBirth')).toBe(
      'Date of birth must be a real date, such as 27/3/2027',
    );
    expect(errorAt(result.errors, 'left')).toBe('Date they left care must be a real date, such as 27/3/2027');
  });

  it('refuses a choice outside its list with the "Select …" message', () => {
    const schema = choice(['a', 'b'], 'Select how you made contact');
    expect(schema.safeParse('c').error?.issues[0]?.message).toBe('Select how you made contact');
    expect(schema.parse('a')).toBe('a');
  });

  it('counts characters remaining and over the limit', () => {
    expect(characterCountMessage(150, 20000)).toBe('You have 19,850 characters remaining');
    expect(characterCountMessage(20001, 20000)).toBe('You have 1 character too many');
  });
});

interface HarnessValues {
  givenName: string;
  dateOfBirth: string;
  seenAlone: string;
  notes: string;
}

function Harness({ values, errors }: { values: HarnessValues; errors: FieldErrors<HarnessValues> }) {
  const methods = useForm<HarnessValues>({ defaultValues: values, errors });
  const ids = { id: (name: string) => `f-${name}`, summaryId: 'f-summary' };
  return (
    <FormProvider {...methods}>
      <FormIdsContext value={ids}>
        <ErrorSummary />
        <TextField name="givenName" label="Given name" />
        <DateField name="dateOfBirth" label="Date of birth" />
        <RadioGroup name="seenAlone" label="Did you see them on their own?" options={YES_NO_OPTIONS} inline />
        <TextArea name="notes" label="Note" maxLength={20000} />
      </FormIdsContext>
    </FormProvider>
  );
}

describe('field components', () => {
  const values = { givenName: '', dateOfBirth: '', seenAlone: '', notes: 'n'.repeat(150) };

  it('label every control and show the live character count against the limit', () => {
    const html = renderToStaticMarkup(<Harness values={values} errors={{}} />);
    expect(html).toContain('<label for="f-givenName">Given name</label>');
    expect(html).toContain('For example, 27/3/2027');
    expect(html).toContain('You have 19,850 characters remaining');
    expect(html).toMatch(/<textarea id="f-notes"[^>]*aria-describedby="f-notes-count"/);
    expect(html).not.toContain('There is a problem');
  });

  it('show each error at its field and in a summary linking to the field', () => {
    const errors: FieldErrors<HarnessValues> = {
      givenName: { type: 'too_small', message: "Enter the young person's given name" },
      seenAlone: { type: 'custom', message: 'Select yes if you saw them on their own' },
      root: { save: { type: 'save', message: 'The change could not be saved.' } },
    };
    const html = renderToStaticMarkup(<Harness values={values} errors={errors} />);
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#f-givenName">Enter the young person&#x27;s given name</a>');
    expect(html).toContain('<a href="#f-seenAlone">Select yes if you saw them on their own</a>');
    expect(html).toContain('<li>The change could not be saved.</li>');
    expect(html).toMatch(
      /<input id="f-givenName"[^>]*aria-invalid="true"[^>]*aria-describedby="f-givenName-error"/,
    );
    expect(html).toMatch(/<input type="radio" id="f-seenAlone"/);
  });
});

function WordsHarness({ words }: { words: FieldWords }) {
  const methods = useForm<HarnessValues>({
    defaultValues: { givenName: '', dateOfBirth: '', seenAlone: '' },
  });
  const ids = { id: (name: string) => `w-${name}`, summaryId: 'w-summary', words };
  return (
    <FormProvider {...methods}>
      <FormIdsContext value={ids}>
        <TextField name="givenName" />
        <DateField name="dateOfBirth" />
        <RadioGroup name="seenAlone" label="Seen on their own?" options={YES_NO_OPTIONS} />
      </FormIdsContext>
    </FormProvider>
  );
}

describe("the form's words", () => {
  it('give each field its label and hint unless the field has its own', () => {
    const html = renderToStaticMarkup(
      <WordsHarness
        words={{
          labels: { givenName: 'Given name', dateOfBirth: 'Date of birth', seenAlone: 'Alone' },
          hints: { givenName: 'As on their passport', seenAlone: 'Ask them' },
        }}
      />,
    );
    expect(html).toContain('<label for="w-givenName">Given name</label>');
    expect(html).toContain('<div id="w-givenName-hint" class="hint">As on their passport</div>');
    expect(html).toContain('<label for="w-dateOfBirth">Date of birth</label>');
    expect(html).toContain('For example, 27/3/2027');
    expect(html).toContain('<legend>Seen on their own?</legend>');
    expect(html).not.toContain('<legend>Alone</legend>');
    expect(html).toContain('Ask them');
  });

  it('refuse a field with no label at all', () => {
    expect(() =>
      renderToStaticMarkup(
        <WordsHarness words={{ labels: { givenName: 'Given name', seenAlone: 'Alone' } }} />,
      ),
    ).toThrow('The form field dateOfBirth has no label.');
  });
});
