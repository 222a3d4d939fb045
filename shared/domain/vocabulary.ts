/** The app's own fixed vocabularies (the DfE's SSDA903 codes are in codes.ts). */

/**
 * The ten matters a pathway plan covers, numbered as in DESIGN.md §2 (Care Leavers (England)
 * Regulations 2010 Sch 1; Care Planning, Placement and Case Review (England) Regulations 2010 reg 43).
 */
export const SCHEDULE_1_MATTERS = [
  'contact',
  'education',
  'employment',
  'contingency',
  'accommodation',
  'relationships',
  'skills',
  'finance',
  'health',
  'identity',
] as const;
export type Schedule1Matter = (typeof SCHEDULE_1_MATTERS)[number];

export const SCHEDULE_1_LABELS: Readonly<Record<Schedule1Matter, string>> = {
  contact: '1. Contact and personal support',
  education: '2. Education or training',
  employment: '3. Employment or other purposeful activity',
  contingency: '4. Contingency plans',
  accommodation: '5. Accommodation, including its suitability',
  relationships: '6. Family and social relationships',
  skills: '7. Practical and independent-living skills',
  finance: '8. Financial support, including the Setting Up Home Grant',
  health: '9. Health, including mental health (health passport)',
  identity: '10. Identity',
};

/**
 * Legal categories of care leaver (Children Act 1989 Sch 2 para 19B, s23A, s23C, s24; Care Planning,
 * Placement and Case Review (England) Regulations 2010 reg 40: 13 weeks looked after since 14).
 */
export const CARE_LEAVER_CATEGORIES = ['eligible', 'relevant', 'former-relevant', 'qualifying'] as const;
export type CareLeaverCategory = (typeof CARE_LEAVER_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<CareLeaverCategory, string>> = {
  eligible: 'Eligible (16–17, still looked after)',
  relevant: 'Relevant (16–17, left care)',
  'former-relevant': 'Former relevant (18–25)',
  qualifying: 'Qualifying',
};

/** How contact happened. Only a home visit counts as a visit "at the accommodation" (reg 8(2)). */
export const CONTACT_METHODS = [
  'home-visit',
  'visit-elsewhere',
  'office',
  'phone',
  'video',
  'text',
  'email',
  'social-media',
  'letter',
] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Only 'contact-made' counts towards being in touch; attempts are recorded too. */
export const CONTACT_OUTCOMES = ['contact-made', 'no-response', 'declined', 'cancelled'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'No longer needed',
};

/**
 * Why a pathway plan review was held: the six-monthly review, the young person's request, or a change
 * of circumstances such as a move, when the council considers a review necessary (Care Leavers (England)
 * Regulations 2010 reg 7(1), (4) and (5)).
 */
export const REVIEW_TRIGGERS = ['scheduled', 'young-person-request', 'change-of-circumstances'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

/** Status flags that change how contact is judged and what is reported in OC3 IN_TOUCH. */
export const FLAG_KINDS = [
  'died',
  'refuses-contact',
  'no-longer-requires-services',
  'returned-home',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const ENTITLEMENT_STATUSES = [
  'not-discussed',
  'discussed',
  'applied',
  'received',
  'declined',
  'not-eligible',
] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

export const ENTITLEMENT_STATUS_LABELS: Readonly<Record<EntitlementStatus, string>> = {
  'not-discussed': 'Not discussed yet',
  discussed: 'Explained',
  applied: 'Applied for',
  received: 'Given',
  declined: 'Declined',
  'not-eligible': 'Not eligible',
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * The matters a council must have regard to in judging whether accommodation is suitable (Care Leavers
 * (England) Regulations 2010 reg 9(3) and Schedule 2): about the accommodation (para 1) and about the
 * young person (para 2).
 */
export const SUITABILITY_MATTERS = [
  'facilities-and-services',
  'state-of-repair',
  'safety',
  'location',
  'support',
  'tenancy-status',
  'affordability',
  'young-person-views',
  'understands-rights-and-responsibilities',
  'understands-funding',
] as const;
export type SuitabilityMatter = (typeof SUITABILITY_MATTERS)[number];

export const SUITABILITY_MATTER_LABELS: Readonly<Record<SuitabilityMatter, string>> = {
  'facilities-and-services': 'Facilities and services provided',
  'state-of-repair': 'State of repair',
  safety: 'Safety',
  location: 'Location',
  support: 'Support',
  'tenancy-status': 'Tenancy status',
  affordability: 'Financial commitments and their affordability',
  'young-person-views': 'The young person’s views about the accommodation',
  'understands-rights-and-responsibilities': 'Their understanding of their rights and responsibilities there',
  'understands-funding': 'Their understanding of how it is paid for',
};
