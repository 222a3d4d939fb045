import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  accommodation,
  action,
  contact,
  eet,
  flag,
  profile,
  recontactPlan,
  review,
} from '../testing/builders.ts';
import { parseOrThrow, ValidationError } from './errors.ts';
import {
  accommodationSchema,
  actionSchema,
  contactSchema,
  eetSchema,
  entitlementSchema,
  flagSchema,
  objectiveSchema,
  oversightNoteSchema,
  planSchema,
  profileSchema,
  recontactPlanSchema,
  reviewSchema,
} from './schemas.ts';

/** The error a parse throws, so tests can read its message and issues. */
function failure(schema: z.ZodType, input: unknown): ValidationError {
  try {
    parseOrThrow(schema, input, 'entry');
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the input to be rejected');
}

describe('profile', () => {
  it('accepts a valid profile and fills defaults for fields older writers did not store', () => {
    const { preferredName: _p, supportExtendedTo25: _s, becameEligibleOn: _b, ...older } = profile();
    const parsed = parseOrThrow(profileSchema, { ...older, unknownFutureField: 1 }, 'profile');
    expect(parsed.supportExtendedTo25).toBe(false);
    expect(parsed.preferredName).toBeNull();
    expect(parsed).not.toHaveProperty('unknownFutureField');
  });
  it('names the field for a bad date of birth', () => {
    const error = failure(profileSchema, profile({ dateOfBirth: '2006-02-30' }));
    expect(error.issues).toEqual([
      { field: 'dateOfBirth', message: 'must be a real date written yyyy-MM-dd (got "2006-02-30")' },
    ]);
    expect(error.message).toBe(
      'Invalid entry: dateOfBirth: must be a real date written yyyy-MM-dd (got "2006-02-30")',
    );
  });
  it('rejects unknown categories, empty names and malformed ids', () => {
    const error = failure(profileSchema, {
      ...profile(),
      category: 'care-leaver',
      givenName: '  ',
      id: 'has space',
    });
    const fields = error.issues.map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['category', 'givenName', 'id']));
    expect(error.message).toMatch(
      /category: unknown category "care-leaver"; expected one of eligible, relevant/,
    );
    expect(error.message).toMatch(/givenName: must not be empty/);
  });
  it('rejects dates before birth and a PA date without a PA', () => {
    const error = failure(profileSchema, profile({ dateLeftCare: '2001-01-01', allocatedPaId: null }));
    expect(error.message).toMatch(/dateLeftCare: must not be before the date of birth \(2006-05-10\)/);
    expect(error.message).toMatch(/allocatedPaId: is required when paAllocatedOn is set/);
  });
  it('says what type it expected', () => {
    expect(failure(profileSchema, { ...profile(), supportExtendedTo25: 'yes' }).message).toMatch(
      /supportExtendedTo25: must be true or false/,
    );
    expect(failure(profileSchema, { ...profile(), dateOfBirth: 20060510 }).message).toMatch(
      /dateOfBirth: must be a real date written yyyy-MM-dd/,
    );
  });
});

describe('pathway plan', () => {
  it('defaults every Schedule 1 section', () => {
    const plan = parseOrThrow(planSchema, {}, 'plan');
    expect(Object.keys(plan.sections)).toHaveLength(10);
    expect(plan.sections.identity).toEqual({ needs: '', youngPersonViews: '' });
  });
  it('rejects "ongoing" as an objective target date, by name', () => {
    const error = failure(objectiveSchema, {
      id: 'o1',
      matter: 'health',
      description: 'Register with a dentist',
      targetDate: 'ongoing',
    });
    expect(error.message).toMatch(/targetDate: "ongoing" is not a timescale/);
  });
  it('rejects actions without a named owner, a date or completion details', () => {
    expect(failure(actionSchema, action('ASAP')).message).toMatch(/dueDate: "ASAP" is not a timescale/);
    expect(failure(actionSchema, action('2025-01-01', { owner: 'all' })).message).toMatch(
      /owner: "all" is not a named/,
    );
    expect(failure(actionSchema, action('2025-01-01', { status: 'done' })).message).toMatch(
      /completedOn: is required when status is done/,
    );
    expect(failure(actionSchema, action('2025-01-01', { completedOn: '2025-01-01' })).message).toMatch(
      /completedOn: must be empty unless status is done/,
    );
    expect(failure(actionSchema, action('2025-01-01', { matter: 'hobbies' as 'health' })).message).toMatch(
      /matter: unknown pathway plan matter "hobbies"/,
    );
  });
  it('accepts a SMART action', () => {
    expect(parseOrThrow(actionSchema, action('2025-01-01'), 'action').status).toBe('in-progress');
  });
  it('checks review triggers', () => {
    expect(
      failure(reviewSchema, review('2025-01-01', { trigger: 'manager' as 'scheduled' })).message,
    ).toMatch(/trigger: unknown review trigger "manager"/);
  });
});

describe('contacts', () => {
  it('requires a date-time with a time zone', () => {
    expect(failure(contactSchema, contact('2025-03-04T10:30:00')).message).toMatch(
      /at: must be a real date-time with a time zone/,
    );
    expect(failure(contactSchema, contact('2025-02-30T10:30:00Z')).message).toMatch(
      /at: must be a real date-time/,
    );
    expect(parseOrThrow(contactSchema, contact('2025-03-04T10:30:00+01:00'), 'contact').at).toBe(
      '2025-03-04T10:30:00+01:00',
    );
  });
  it('keeps seen, seen alone and outcome consistent', () => {
    expect(failure(contactSchema, contact('2025-03-04T10:30:00Z', { seen: false })).message).toMatch(
      /seenAlone: cannot be true unless the young person was seen/,
    );
    expect(
      failure(contactSchema, contact('2025-03-04T10:30:00Z', { outcome: 'no-response' })).message,
    ).toMatch(/outcome: must be contact-made when the young person was seen/);
    expect(
      failure(contactSchema, contact('2025-03-04T10:30:00Z', { method: 'pigeon' as 'phone' })).message,
    ).toMatch(/method: unknown contact method "pigeon"/);
  });
});

describe('accommodation', () => {
  it('never accepts no fixed abode or custody as suitable; B&B and emergency may be (V1, W1 are DfE codes)', () => {
    expect(failure(accommodationSchema, accommodation('2025-01-01', { code: 'S' })).message).toMatch(
      /suitable: S \(no fixed abode or homeless\) is never suitable accommodation/,
    );
    expect(failure(accommodationSchema, accommodation('2025-01-01', { code: 'X' })).issues[0]?.field).toBe(
      'suitable',
    );
    expect(accommodationSchema.safeParse(accommodation('2025-01-01', { code: 'W' })).success).toBe(true);
    expect(accommodationSchema.safeParse(accommodation('2025-01-01', { code: 'V' })).success).toBe(true);
  });
  it('rejects unknown codes and needs a reason for unsuitability', () => {
    expect(failure(accommodationSchema, accommodation('2025-01-01', { code: 'Q' as 'U' })).message).toMatch(
      /code: unknown accommodation code "Q"/,
    );
    expect(failure(accommodationSchema, accommodation('2025-01-01', { suitable: false })).message).toMatch(
      /suitabilityReason: give the reason it is unsuitable/,
    );
  });
  it('checks dates, risk assessment and senior approval', () => {
    const error = failure(
      accommodationSchema,
      accommodation('2025-01-01', {
        endDate: '2024-12-31',
        riskReviewDue: '2025-02-01',
        seniorApprovalBy: 'Manager',
      }),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'endDate',
      'riskAssessedOn',
      'seniorApprovalOn',
    ]);
    expect(
      failure(
        accommodationSchema,
        accommodation('2025-01-01', { riskAssessedOn: '2025-02-01', riskReviewDue: '2025-01-15' }),
      ).message,
    ).toMatch(/riskReviewDue: must not be before the risk assessment \(2025-02-01\)/);
  });
});

describe('accommodation address, provider and phone', () => {
  const period = accommodation('2025-01-01');
  it('are optional: a period recorded before them stays valid and has none', () => {
    const parsed = accommodationSchema.parse(period);
    expect(parsed.address).toBeUndefined();
    expect(parsed.provider).toBeUndefined();
    expect(parsed.contactPhone).toBeUndefined();
  });
  it('keep what was recorded, trimmed', () => {
    const parsed = accommodationSchema.parse({
      ...period,
      address: ' Flat 2, 1 Example Road, Leeds LS1 1AA ',
      provider: 'Example Housing Association',
      contactPhone: '+44 113 496 0000',
    });
    expect(parsed.address).toBe('Flat 2, 1 Example Road, Leeds LS1 1AA');
    expect(parsed.contactPhone).toBe('+44 113 496 0000');
    expect(accommodationSchema.safeParse({ ...period, contactPhone: '07700 900123' }).success).toBe(true);
    expect(accommodationSchema.safeParse({ ...period, contactPhone: '(01632) 960-001' }).success).toBe(true);
  });
  it('refuse a phone number that is not a UK number, and text that is too long', () => {
    for (const contactPhone of ['12345', 'call the office', '0161 496 0000 0000', '+1 202 555 0100'])
      expect(failure(accommodationSchema, { ...period, contactPhone }).issues[0]).toEqual({
        field: 'contactPhone',
        message: 'must be a UK phone number, such as 01632 960 001 or 07700 900 123',
      });
    expect(failure(accommodationSchema, { ...period, provider: 'p'.repeat(201) }).issues[0]?.field).toBe(
      'provider',
    );
    expect(failure(accommodationSchema, { ...period, address: 'a'.repeat(501) }).issues[0]?.field).toBe(
      'address',
    );
  });
});

describe('other entries', () => {
  it('validates EET periods', () => {
    expect(failure(eetSchema, eet('2025-01-01', { activ: 'F3' as 'F2' })).message).toMatch(
      /activ: unknown activity \(ACTIV\) code "F3"/,
    );
    expect(failure(eetSchema, eet('2025-01-01', { endDate: '2024-01-01' })).message).toMatch(
      /endDate: must not be before/,
    );
  });
  it('validates flags: a death cannot end', () => {
    expect(failure(flagSchema, flag('died', '2025-01-01', { to: '2025-02-01' })).message).toMatch(
      /to: must be empty for a death/,
    );
    expect(
      failure(flagSchema, flag('refuses-contact', '2025-01-01', { to: '2024-02-01' })).issues[0]?.field,
    ).toBe('to');
  });
  it('validates entitlements, oversight notes and re-contact plans', () => {
    expect(
      failure(entitlementSchema, { item: 'setting-up-home-grant', amountPence: -5 }).issues[0]?.field,
    ).toBe('amountPence');
    expect(
      failure(oversightNoteSchema, {
        id: 'n1',
        on: '2025-01-01',
        by: 'tm-1',
        note: 'ok',
        dueBy: '2024-12-01',
      }).message,
    ).toMatch(/dueBy: must not be before the note/);
    expect(failure(recontactPlanSchema, recontactPlan('2025-01-01', '2024-12-01')).message).toMatch(
      /reviewDue: must not be before the assessment/,
    );
  });
});
