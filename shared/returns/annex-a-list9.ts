/**
 * Ofsted Annex A, list 9 (care leavers): one row per care leaver, for the inspection of local authority
 * children's services (ILACS). Column headings and answer codes follow Ofsted's Annex A template
 * ("Inspection of local authority children's services: Annex A – data and information for inspection",
 * list 9 "Care leavers"): letter-prefixed answers such as "a) Relevant child", SSDA903 accommodation and
 * activity codes with their descriptions, dates as dd/mm/yyyy.
 * Waymark does not hold gender, ethnicity, UASC status, disability or the allocated social worker: those
 * cells are left blank for the council's case management system to complete.
 */
import { ACCOM_LABELS, type AccomLetter, type ActivCode } from '../domain/codes.ts';
import { ageOn, dateOfDateTime, type IsoDate } from '../domain/dates.ts';
import { supportEnded } from '../domain/eligibility.ts';
import { returnedHomeForSixMonths } from '../domain/flags.ts';
import type { YoungPersonRecord } from '../domain/model.ts';
import { lastReviewDate } from '../domain/pathway-plan.ts';
import { DEFAULT_SETTINGS, type TeamSettings } from '../domain/settings.ts';
import { recordStatus } from '../domain/status.ts';
import type { CareLeaverCategory } from '../domain/vocabulary.ts';
import { toDfeDate } from './oc3.ts';

export const ANNEX_A_LIST9_HEADERS = [
  'Child Unique ID',
  'Gender',
  'Ethnicity',
  'Date of Birth',
  'Age of Child (Years)',
  'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)',
  'Does the Child have a Disability',
  'Allocated Team',
  'Allocated Worker',
  'Allocated Personal Advisor',
  'Eligibility Category',
  'Latest Pathway Plan Review Date',
  'LA in Touch',
  'Latest Date of Contact',
  'Type of Accommodation',
  'Suitability of Accommodation',
  'Activity Status',
] as const;

export type AnnexAList9Header = (typeof ANNEX_A_LIST9_HEADERS)[number];
export type AnnexAList9Row = Readonly<Record<AnnexAList9Header, string>>;

/** The fields Waymark leaves blank because it does not hold them. */
export const ANNEX_A_LIST9_NOT_HELD: readonly AnnexAList9Header[] = [
  'Gender',
  'Ethnicity',
  'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)',
  'Does the Child have a Disability',
  'Allocated Worker',
];

export const ANNEX_A_ELIGIBILITY: Readonly<Record<CareLeaverCategory, string>> = {
  relevant: 'a) Relevant child',
  'former-relevant': 'b) Former relevant child',
  qualifying: 'c) Qualifying care leaver',
  eligible: 'd) Eligible child',
};

export const ANNEX_A_IN_TOUCH = {
  yes: 'a) Yes',
  no: 'b) No',
  died: 'c) Died',
  refused: 'd) Refu',
  notRequired: 'e) NREQ',
  returnedHome: 'f) Rhom',
} as const;

/** Ofsted's wording where it differs from the SSDA903 label; otherwise "<letter>: <SSDA903 label>". */
const ACCOMMODATION_WORDING: Partial<Record<AccomLetter, string>> = {
  B: 'Parents/relatives',
  C: 'Community home/residential care',
  D: 'Semi-independent, transitional accommodation and self-contained accommodation',
  E: 'Supported lodgings',
  G: 'Abroad',
  H: 'Deported',
  K: 'Ordinary lodgings, without formal support',
  R: 'Residence not known',
  S: 'No fixed abode/homeless',
  T: 'Foyers and similar supported accommodation',
  U: 'Independent living',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other accommodation',
  Z: 'With former foster carers',
};

export function annexAAccommodation(letter: AccomLetter): string {
  return `${letter}: ${ACCOMMODATION_WORDING[letter] ?? ACCOM_LABELS[letter]}`;
}

/** Ofsted's wording of the SSDA903 activity codes. */
const ACTIVITY_WORDING: Readonly<Record<ActivCode, string>> = {
  F1: 'Full time in higher education',
  P1: 'Part time in higher education',
  F2: 'Full time in education other than higher',
  P2: 'Part time in education other than higher',
  F4: 'Young person engaged full time in an apprenticeship',
  P4: 'Young person engaged part time in an apprenticeship',
  F5: 'Young person engaged full time in training or employment (not apprenticeship)',
  P5: 'Young person engaged part time in training or employment (not apprenticeship)',
  G4: 'Not in education, employment or training - illness or disability',
  G5: 'Not in education, employment or training - other',
  G6: 'Not in education, employment or training - pregnancy or parenting',
};

export function annexAActivity(code: ActivCode): string {
  return `${code}: ${ACTIVITY_WORDING[code]}`;
}

export interface AnnexAList9Names {
  /** The team's name as the inspectors know it. */
  readonly team: (teamId: string) => string;
  /** The personal adviser's name; '' when not known. */
  readonly personalAdviser: (paId: string) => string;
}

/**
 * The list 9 row for one young person, or null when they are not on the list: list 9 covers young
 * people aged 16 or over with a care-leaver category whose leaving-care support has not ended (to 21, or
 * to 25 when extended). Those who died, refuse contact or no longer want services stay on the list with
 * that answer in "LA in Touch".
 */
export function annexAList9Row(
  record: YoungPersonRecord,
  today: IsoDate,
  names: AnnexAList9Names,
  settings: TeamSettings = DEFAULT_SETTINGS,
): AnnexAList9Row | null {
  const status = recordStatus(record, today, settings);
  if (status.category === null || supportEnded(record.profile, today)) return null;
  const { profile } = record;
  const review = lastReviewDate(record, today);
  const inTouch = returnedHomeForSixMonths(record.flags, today)
    ? ANNEX_A_IN_TOUCH.returnedHome
    : {
        'in-touch': ANNEX_A_IN_TOUCH.yes,
        'not-in-touch': ANNEX_A_IN_TOUCH.no,
        died: ANNEX_A_IN_TOUCH.died,
        'refuses-contact': ANNEX_A_IN_TOUCH.refused,
        'no-longer-requires-services': ANNEX_A_IN_TOUCH.notRequired,
      }[status.inTouch];
  const accommodation = status.accommodation;
  return {
    'Child Unique ID': profile.id,
    Gender: '',
    Ethnicity: '',
    'Date of Birth': toDfeDate(profile.dateOfBirth),
    'Age of Child (Years)': String(ageOn(profile.dateOfBirth, today)),
    'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)': '',
    'Does the Child have a Disability': '',
    'Allocated Team': names.team(profile.teamId),
    'Allocated Worker': '',
    'Allocated Personal Advisor':
      profile.allocatedPaId === null ? '' : names.personalAdviser(profile.allocatedPaId),
    'Eligibility Category': ANNEX_A_ELIGIBILITY[status.category],
    'Latest Pathway Plan Review Date': review === null ? '' : toDfeDate(review),
    'LA in Touch': inTouch,
    'Latest Date of Contact':
      status.lastContact === null ? '' : toDfeDate(dateOfDateTime(status.lastContact.at)),
    'Type of Accommodation': accommodation === null ? '' : annexAAccommodation(accommodation.code),
    'Suitability of Accommodation':
      accommodation === null ? '' : accommodation.suitable ? 'a) Suitable' : 'b) Unsuitable',
    'Activity Status': status.eet.code === null ? '' : annexAActivity(status.eet.code),
  };
}

/** List 9 for a caseload, in Child Unique ID order. */
export function annexAList9(
  records: readonly YoungPersonRecord[],
  today: IsoDate,
  names: AnnexAList9Names,
  settings: TeamSettings = DEFAULT_SETTINGS,
): AnnexAList9Row[] {
  return records
    .map((record) => annexAList9Row(record, today, names, settings))
    .filter((row): row is AnnexAList9Row => row !== null)
    .sort((a, b) =>
      a['Child Unique ID'] < b['Child Unique ID'] ? -1 : a['Child Unique ID'] > b['Child Unique ID'] ? 1 : 0,
    );
}
