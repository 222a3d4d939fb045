/** Plain-English labels for the shared vocabularies, as PAs and young people read them. */
import {
  ACCOM_LABELS,
  ACCOM_LETTERS,
  ACTIV_CODES,
  ACTIV_LABELS,
  isEetCode,
} from '../../../shared/domain/codes.ts';
import type { InTouchState } from '../../../shared/domain/contact.ts';
import type { ReviewReason } from '../../../shared/domain/pathway-plan.ts';
import type { EetState } from '../../../shared/domain/eet.ts';
import type {
  ContactMethod,
  ContactOutcome,
  FlagKind,
  ReviewTrigger,
  RiskLevel,
  Schedule1Matter,
} from '../../../shared/domain/vocabulary.ts';
import type { Option, OptionGroup } from '../../ui/form/index.ts';

export { ACTION_STATUS_LABELS, ENTITLEMENT_STATUS_LABELS } from '../../../shared/domain/vocabulary.ts';

export const CONTACT_METHOD_LABELS: Readonly<Record<ContactMethod, string>> = {
  'home-visit': 'Home visit',
  'visit-elsewhere': 'Visit somewhere else',
  office: 'At the office',
  phone: 'Phone call',
  video: 'Video call',
  text: 'Text message',
  email: 'Email',
  'social-media': 'Social media message',
  letter: 'Letter',
};

export const CONTACT_OUTCOME_LABELS: Readonly<Record<ContactOutcome, string>> = {
  'contact-made': 'Contact made',
  'no-response': 'No response',
  declined: 'Declined contact',
  cancelled: 'Cancelled',
};

export const REVIEW_TRIGGER_LABELS: Readonly<Record<ReviewTrigger, string>> = {
  scheduled: 'Six-monthly review',
  'young-person-request': 'The young person asked for it',
  'change-of-circumstances': 'Change of circumstances or a move',
};

/** Why the next review is due when it is, as the record shows it. */
export const REVIEW_REASON_LABELS: Readonly<Record<ReviewReason, string>> = {
  'six-monthly': 'every 6 months at most',
  'young-person-request': 'the young person asked for a review',
  'accommodation-first': '28 days after the council provided their accommodation',
  'accommodation-three-monthly': 'every 3 months at most while the council provides their accommodation',
};

/** What a qualifying care leaver is owed instead of a pathway plan and PA. */
export const QUALIFYING_PLAN_TEXT =
  'No pathway plan or PA is owed: a qualifying care leaver is owed advice and assistance (Children Act 1989 s24A and s24B).';

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const IN_TOUCH_STATE_LABELS: Readonly<Record<InTouchState, string>> = {
  'in-touch': 'In touch',
  'not-in-touch': 'Not in touch',
  'refuses-contact': 'Refuses contact',
  'no-longer-requires-services': 'No longer requires services',
  died: 'Died',
};

/** Status flags (SSDA903 IN_TOUCH codes DIED, REFU, NREQ, RHOM) in plain English. */
export const FLAG_KIND_LABELS: Readonly<Record<FlagKind, string>> = {
  'refuses-contact': 'Refuses contact',
  'no-longer-requires-services': 'No longer requires services',
  'returned-home': 'Returned home to parents',
  died: 'Died',
};

/**
 * What each flag means for the young person's support, as the shared rules apply it: in-touch state
 * (shared/domain/contact.ts), the active caseload (eligibility.ts isActiveCase) and the SSDA903 return
 * (flags.ts, returns/ssda903.ts).
 */
export const FLAG_KIND_MEANINGS: Readonly<Record<FlagKind, string>> = {
  'refuses-contact':
    'Shown as ‘Refuses contact’ (SSDA903: REFU). They stay on your caseload: keep taking reasonable steps to get back in touch, with a current risk assessment and re-contact plan.',
  'no-longer-requires-services':
    'Shown as ‘No longer requires services’ (SSDA903: NREQ). While it applies they are not counted as an active case and no due dates or exceptions are raised for them. End it if they ask for support again: they can, up to 25.',
  'returned-home':
    'Once they have lived with their parents (or someone with parental responsibility) for 6 months in a row, the SSDA903 return shows RHOM with activity and accommodation ‘0’, and a 16- or 17-year-old stops being a relevant child while they live there (Children Act 1989 s23A(3); Care Leavers (England) Regulations 2010 reg 3(3)). End the flag if the arrangement breaks down: they are a relevant child again (reg 3(4)). Their in-touch state still comes from contacts.',
  died: 'Shown as ‘Died’ (SSDA903: DIED, activity and accommodation ‘0’). They leave the active caseload. A death is never ended; remove it only if it was recorded by mistake.',
};

export const EET_STATE_LABELS: Readonly<Record<EetState, string>> = {
  eet: 'In education, employment or training',
  neet: 'Not in education, employment or training',
  unknown: 'Not recorded',
};

/** The ten matters as the young person reads them in "my plan". */
export const MY_PLAN_MATTER_LABELS: Readonly<Record<Schedule1Matter, string>> = {
  contact: 'Keeping in touch and support',
  education: 'Education and training',
  employment: 'Work and other things I do',
  contingency: 'If things go wrong',
  accommodation: 'Where I live',
  relationships: 'Family and friends',
  skills: 'Skills for living on my own',
  finance: 'Money',
  health: 'Health and wellbeing',
  identity: 'Who I am',
};

export function accommodationLabel(code: (typeof ACCOM_LETTERS)[number]): string {
  return `${ACCOM_LABELS[code]} (${code})`;
}

export function activityLabel(code: (typeof ACTIV_CODES)[number]): string {
  return `${ACTIV_LABELS[code]} (${code})`;
}

export const ACCOMMODATION_OPTIONS: readonly Option[] = ACCOM_LETTERS.map((code) => ({
  value: code,
  label: accommodationLabel(code),
}));

export const ACTIVITY_GROUPS: readonly OptionGroup[] = [
  {
    label: 'In education, employment or training',
    options: ACTIV_CODES.filter(isEetCode).map((code) => ({ value: code, label: activityLabel(code) })),
  },
  {
    label: 'Not in education, employment or training (NEET): reason',
    options: ACTIV_CODES.filter((code) => !isEetCode(code)).map((code) => ({
      value: code,
      label: activityLabel(code),
    })),
  },
];

export function options<K extends string>(labels: Readonly<Record<K, string>>): Option[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
