import {
  accommodationValue,
  isRiskAssessmentCurrent,
  missingMovePaperwork,
  needsSeniorApproval,
} from '../../../../shared/domain/accommodation.ts';
import { removeEntry } from '../../../../shared/ydoc/write-record.ts';
import { ukDate } from '../../../ui/format.ts';
import { AccommodationForm } from './AccommodationForm.tsx';
import { EntryButtonsAndPanels, useEntryPanels } from '../common/entry-panels.tsx';
import { accommodationLabel } from '../labels.ts';
import type { LoadedRecord } from '../use-record.ts';

/** Accommodation periods with their SSDA903 code, suitability, risk assessment and approval. */
export function AccommodationSection({ loaded }: { loaded: LoadedRecord }) {
  const panels = useEntryPanels();
  const periods = [...loaded.record.accommodation].reverse();
  const current = loaded.status.accommodation;
  return (
    <section aria-labelledby="accommodation-title">
      <h2 id="accommodation-title">Accommodation</h2>
      <AccommodationForm loaded={loaded} period={null} />
      <h3 id="accommodation-list-title" tabIndex={-1}>
        Where they have lived
      </h3>
      {periods.length === 0 ? (
        <p>No accommodation recorded yet.</p>
      ) : (
        <ul className="periods">
          {periods.map((period) => (
            <li key={period.id} className="period">
              <h4>
                {accommodationLabel(period.code)}
                {period.id === current?.id ? <span className="badge badge--info">Current</span> : null}
              </h4>
              <dl className="facts">
                <dt>Dates</dt>
                <dd>
                  {ukDate(period.startDate)} to {period.endDate ? ukDate(period.endDate) : 'now'}
                </dd>
                <dt>Suitability</dt>
                <dd>
                  {period.suitable ? 'Suitable' : <strong className="badge badge--danger">Unsuitable</strong>}{' '}
                  (SSDA903 {accommodationValue(period)})
                  {period.suitabilityReason ? `: ${period.suitabilityReason}` : ''}
                </dd>
                {!period.suitable ? (
                  <>
                    <dt>Risk assessment</dt>
                    <dd>
                      {period.riskAssessedOn
                        ? `Assessed ${ukDate(period.riskAssessedOn)}, review by ${ukDate(period.riskReviewDue, 'no date set')}`
                        : 'None recorded'}
                      {isRiskAssessmentCurrent(period, loaded.today)
                        ? ''
                        : period.endDate === null
                          ? ' (not current)'
                          : ''}
                    </dd>
                  </>
                ) : null}
                {needsSeniorApproval(period) ? (
                  <>
                    <dt>Senior approval</dt>
                    <dd>
                      {period.seniorApprovalOn
                        ? `Approved by ${period.seniorApprovalBy ?? ''} on ${ukDate(period.seniorApprovalOn)}`
                        : 'Not recorded'}
                    </dd>
                  </>
                ) : null}
                <dt>Council provided</dt>
                <dd>{period.councilProvided ? 'Yes' : 'No'}</dd>
                <dt>Address</dt>
                <dd className="prewrap">{period.address || 'Not recorded'}</dd>
                <dt>Landlord or provider</dt>
                <dd>{period.provider || 'Not recorded'}</dd>
                <dt>Contact phone</dt>
                <dd>{period.contactPhone || 'Not recorded'}</dd>
              </dl>
              {period.endDate === null && missingMovePaperwork(period).length > 0 ? (
                <p className="warning">
                  <strong>Needs attention:</strong> moved in on {ukDate(period.startDate)}; still to record{' '}
                  {missingMovePaperwork(period).join(', ')}.
                </p>
              ) : null}
              <EntryButtonsAndPanels
                panels={panels}
                entryId={period.id}
                what={`${accommodationLabel(period.code)} from ${ukDate(period.startDate)}`}
                removeTitle="Remove this accommodation period?"
                removeBody={
                  <p>
                    This removes <strong>{accommodationLabel(period.code)}</strong> from{' '}
                    {ukDate(period.startDate)} to {period.endDate ? ukDate(period.endDate) : 'now'} from the
                    record. The period before it keeps its end date: change that one if they still live there.
                  </p>
                }
                onRemove={() => loaded.save((doc, ctx) => removeEntry(doc, 'accommodation', period.id, ctx))}
                listHeadingId="accommodation-list-title"
                changeForm={({ id, onDone }) => (
                  <AccommodationForm loaded={loaded} period={period} id={id} onDone={onDone} />
                )}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
