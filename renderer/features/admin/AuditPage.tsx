import { useState } from 'react';
import type { AuditSearchResponse, AuditVerifyResponse } from '../../../shared/admin-api.ts';
import { z } from 'zod';
import {
  DateField,
  Form,
  optionalText,
  optionalUkDate,
  SelectField,
  SubmitButton,
  TextField,
  useSchemaForm,
} from '../../ui/form/index.ts';
import { useBusyAction } from '../../ui/use-busy-action.ts';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { AuditResults, withOlder } from './AuditResults.tsx';
import { serverFormError } from './server-form-error.ts';
import { problemOf, useAdminLoad, useAdminServer } from './use-admin.ts';

const FIELDS = { record: 'record', user: 'user', from: 'from', to: 'to' };

/** Every filter may be left blank; dates are typed as 27/3/2027 and sent as yyyy-MM-dd. */
const auditSearchSchema = z.object({
  record: optionalText({ label: 'Record reference', max: 200 }).transform((text) => text.trim()),
  user: z.string(),
  from: optionalUkDate({ label: 'From' }),
  to: optionalUkDate({ label: 'To' }),
});

function VerifyAudit() {
  const server = useAdminServer();
  const [result, setResult] = useState<AuditVerifyResponse | null>(null);
  const { busy, problem, run } = useBusyAction(problemOf);
  async function verify() {
    if (!server) return;
    await run(async () => setResult(await server.verifyAudit()));
  }
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">Check the audit log has not been changed</h2>
      <p>
        Each entry carries a fingerprint of the one before it, so an entry changed, removed or inserted behind
        Waymark’s back shows up here.
      </p>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => void verify()}
      >
        Check the audit log
      </button>
      <div role="status" aria-live="polite">
        {problem ? <p className="notice warning">{problem}</p> : null}
        {result ? (
          result.intact ? (
            <p className="saved" data-testid="audit-verify-result">
              The audit log is intact: all {result.rows.toLocaleString('en-GB')} entries check out.
            </p>
          ) : (
            <p className="notice warning" data-testid="audit-verify-result">
              The audit log has been changed: entry {result.broken?.seq} does not check out (
              {result.broken?.problem}). The entries before it are intact. Tell your information governance
              lead.
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}

/** Searches the audit log by record, by person and by date; who did what and when, never record contents. */
export function AuditPage() {
  usePageTitle('Audit log');
  const server = useAdminServer();
  const users = useAdminLoad((s) => s.users(), 'users');
  const form = useSchemaForm(auditSearchSchema, { record: '', user: '', from: '', to: '' });
  const [results, setResults] = useState<{
    filters: Record<string, string>;
    page: AuditSearchResponse;
  } | null>(null);

  /** Searches afresh with `chosen`, or (with `before`) fetches the older entries of the last search. */
  async function search(chosen: Record<string, string>, before?: number) {
    if (!server) return;
    try {
      const page = await server.searchAudit({ ...chosen, ...(before ? { before: String(before) } : {}) });
      setResults((current) =>
        before && current
          ? { filters: chosen, page: withOlder(current.page, page) }
          : { filters: chosen, page },
      );
    } catch (error) {
      form.fail([serverFormError(error, FIELDS)]);
    }
  }

  const people = (users.data ?? []).toSorted((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <>
      <h1>Audit log</h1>
      <p>
        Who signed in, opened or changed which record, and what administrators did, with when. Record contents
        are never shown here.
      </p>
      <Form
        form={form}
        label="Search the audit log"
        onSubmit={({ record, user, from, to }) =>
          search({ record, user, ...(from ? { from } : {}), ...(to ? { to } : {}) })
        }
      >
        <TextField
          name="record"
          label="Record reference (optional)"
          hint="As the team manager gives it from the young person’s page, for example BC4-7KM-X9T"
          width="medium"
        />
        <SelectField
          name="user"
          label="Done by (optional)"
          placeholder="Anyone"
          options={people.map((u) => ({ value: u.username, label: u.displayName }))}
        />
        <DateField name="from" label="From (optional)" />
        <DateField name="to" label="To (optional)" />
        <SubmitButton>Search</SubmitButton>
      </Form>
      {results ? (
        <AuditResults
          page={results.page}
          acrossRecords
          testId="audit-results"
          onOlder={(before) => void search(results.filters, before)}
        />
      ) : null}
      <VerifyAudit />
    </>
  );
}
