import { describe, expect, it } from 'vitest';
import { accommodation, contact, flag, profile, record, review } from '../testing/builders.ts';
import { inTouchState, lastContact, nextContactDue, visitDue } from './contact.ts';
import type { YoungPersonRecord } from './model.ts';
import { DEFAULT_SETTINGS, parseSettings } from './settings.ts';

const phone = (at: string) => contact(at, { method: 'phone', seen: false, seenAlone: false });

describe('lastContact', () => {
  it('ignores attempts, and contacts after today', () => {
    const contacts = [
      phone('2025-01-10T10:00:00Z'),
      contact('2025-02-01T10:00:00Z', { outcome: 'no-response', seen: false, seenAlone: false }),
      phone('2025-03-01T10:00:00Z'),
    ];
    expect(lastContact(contacts, '2025-02-15')?.at).toBe('2025-01-10T10:00:00Z');
    expect(lastContact(contacts, '2025-03-01')?.at).toBe('2025-03-01T10:00:00Z');
    expect(lastContact([], '2025-03-01')).toBeNull();
  });
  it('orders by instant across offsets', () => {
    const a = phone('2025-03-04T10:30:00Z');
    const b = phone('2025-03-04T11:00:00+01:00');
    expect(lastContact([a, b], '2025-03-04')).toBe(a);
  });
});

describe('inTouchState (team threshold, default 8 weeks)', () => {
  const r = record({ contacts: [phone('2025-01-01T10:00:00Z')] });
  it('is in touch up to and including exactly 8 weeks after the last contact', () => {
    expect(inTouchState(r, '2025-02-26', DEFAULT_SETTINGS)).toBe('in-touch');
    expect(inTouchState(r, '2025-02-27', DEFAULT_SETTINGS)).toBe('not-in-touch');
    expect(nextContactDue(r, '2025-01-05', DEFAULT_SETTINGS)).toBe('2025-02-26');
  });
  it('uses the team setting', () => {
    expect(inTouchState(r, '2025-02-27', parseSettings({ contactThresholdWeeks: 12 }))).toBe('in-touch');
  });
  it('is not in touch with no contact at all', () => {
    expect(inTouchState(record(), '2025-02-27', DEFAULT_SETTINGS)).toBe('not-in-touch');
    expect(nextContactDue(record(), '2025-02-27', DEFAULT_SETTINGS)).toBeNull();
  });
  it('lets flags take precedence: died, then no longer requires services, then refuses', () => {
    const flagged = (flags: YoungPersonRecord['flags']) =>
      inTouchState({ ...r, flags }, '2025-01-20', DEFAULT_SETTINGS);
    expect(flagged([flag('refuses-contact', '2025-01-10')])).toBe('refuses-contact');
    expect(
      flagged([flag('refuses-contact', '2025-01-10'), flag('no-longer-requires-services', '2025-01-11')]),
    ).toBe('no-longer-requires-services');
    expect(flagged([flag('no-longer-requires-services', '2025-01-11'), flag('died', '2025-01-15')])).toBe(
      'died',
    );
    expect(flagged([flag('refuses-contact', '2025-01-10', { to: '2025-01-15' })])).toBe('in-touch');
  });
});

describe('visitDue (Care Leavers (England) Regulations 2010 reg 8(2))', () => {
  const move = accommodation('2025-03-01', { code: 'D', councilProvided: true });
  it('is due within 7 days of moving into council-provided accommodation', () => {
    const r = record({ accommodation: [move] });
    expect(visitDue(r, '2025-03-05', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2025-03-08',
      reason: 'after-move',
    });
  });
  it('then every two months after the last home visit', () => {
    const r = record({
      accommodation: [move],
      contacts: [contact('2025-03-04T10:00:00Z'), phone('2025-04-10T10:00:00Z')],
    });
    expect(visitDue(r, '2025-04-20', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2025-05-04',
      reason: 'two-monthly',
    });
  });
  it('does not count visits from before the move, or contacts that were not visits', () => {
    const r = record({
      accommodation: [move],
      contacts: [contact('2025-02-27T10:00:00Z'), phone('2025-03-03T10:00:00Z')],
    });
    expect(visitDue(r, '2025-03-10', DEFAULT_SETTINGS)?.reason).toBe('after-move');
  });
  it('comes before a review that falls earlier, when not visited since the last review', () => {
    const base = record({ accommodation: [move], contacts: [contact('2025-03-04T10:00:00Z')] });
    const r = {
      ...base,
      plan: { ...base.plan, firstAgreedOn: '2024-10-20' },
      reviews: [review('2025-03-10')],
    };
    expect(visitDue(r, '2025-04-01', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2025-05-04',
      reason: 'two-monthly',
    });
    const asked = { ...r, reviewRequests: [{ id: 'q1', requestedOn: '2025-03-20', notes: '' }] };
    expect(visitDue(asked, '2025-04-01', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2025-04-17',
      reason: 'before-review',
    });
    const visitedSince = { ...asked, contacts: [...asked.contacts, contact('2025-03-25T10:00:00Z')] };
    expect(visitDue(visitedSince, '2025-04-01', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2025-05-25',
      reason: 'two-monthly',
    });
  });
  it('does not apply when the council does not provide the accommodation', () => {
    expect(
      visitDue(record({ accommodation: [accommodation('2025-03-01')] }), '2025-04-01', DEFAULT_SETTINGS),
    ).toBeNull();
    expect(visitDue(record(), '2025-04-01', DEFAULT_SETTINGS)).toBeNull();
  });
});

describe('visits before the reg 7(3) reviews of a relevant child in council-provided accommodation', () => {
  // Relevant child (born 10 Jan 2008, left care 1 Mar 2024) moved into council-provided accommodation on
  // 1 Mar 2024, visited 2 Mar, plan agreed 10 Mar: the first review is due 29 Mar (the 28th day after).
  const base = record({
    profile: profile({ dateOfBirth: '2008-01-10', category: 'relevant', dateLeftCare: '2024-03-01' }),
    plan: { ...record().plan, firstAgreedOn: '2024-03-10' },
    accommodation: [accommodation('2024-03-01', { code: 'D', councilProvided: true })],
    contacts: [contact('2024-03-02T10:00:00Z')],
  });
  it('owes a visit before the 28-day review, earlier than the two-monthly one', () => {
    expect(visitDue(base, '2024-03-11', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2024-03-29',
      reason: 'before-review',
    });
    const visited = { ...base, contacts: [...base.contacts, contact('2024-03-20T10:00:00Z')] };
    expect(visitDue(visited, '2024-03-21', DEFAULT_SETTINGS)).toEqual({
      dueBy: '2024-05-20',
      reason: 'two-monthly',
    });
  });
});
