import { useState } from 'react';
import {
  accommodationValue,
  isRiskAssessmentCurrent,
  needsSeniorApproval,
} from '../../../shared/domain/accommodation.ts';
import { ukDate } from '../../ui/format.ts';
import { AccommodationForm } from './AccommodationForm.tsx';
import { accommodationLabel } from './labels.ts';
import type { LoadedRecord } from './use-record.ts';

/** Accommodation periods with their SSDA903 code, suitability, risk assessment and approval. */
export function AccommodationSection({ loaded }: { loaded: LoadedRecord }) {
  const [editing, setEditing] = useState<string | null>(null);
  const periods = [...loaded.record.accommodation].reverse();
  const current = loaded.status.accommodation;
  return (
    <section aria-labelledby="accommodation-title">
      <h2 id="accommodation-title">Accommodation</h2>
      <AccommodationForm loaded={loaded} period={null} />
      <h3>Where they have lived</h3>
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
              </dl>
              {editing === period.id ? (
                <AccommodationForm loaded={loaded} period={period} onDone={() => setEditing(null)} />
              ) : (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setEditing(period.id)}
                >
                  Update
                  <span className="visually-hidden">
                    {' '}
                    {accommodationLabel(period.code)} from {ukDate(period.startDate)}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
