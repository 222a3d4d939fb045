/** Short, invented case-note phrases for synthetic records. No real person or case is described. */
import type { Schedule1Matter } from '../domain/vocabulary.ts';

export const SECTION_TEXT: Readonly<Record<Schedule1Matter, readonly [needs: string, views: string]>> = {
  contact: ['Fortnightly contact, mostly visits, with texts in between.', 'Prefers texts before a visit.'],
  education: [
    'Needs help choosing a college course and applying for the bursary.',
    'Wants to study something practical.',
  ],
  employment: [
    'Interested in a trade; needs a CV and interview practice.',
    'Would like part-time work first.',
  ],
  contingency: [
    'If the tenancy breaks down, duty team to arrange supported lodgings.',
    'Knows who to call out of hours.',
  ],
  accommodation: ['Wants to stay local, near friends; needs a move-on plan.', 'Happy where they live now.'],
  relationships: [
    'Sees a sibling monthly; contact with a parent is irregular.',
    'Wants more contact with a sibling.',
  ],
  skills: [
    'Budgeting and cooking sessions planned with the key worker.',
    'Feels confident cooking basic meals.',
  ],
  finance: [
    'Universal Credit claim in place; Setting Up Home Grant to be used for furniture.',
    'Wants help with bills.',
  ],
  health: ['Registered with a GP; health passport to be completed.', 'Would like support with anxiety.'],
  identity: [
    'Needs a copy of the birth certificate and photo ID.',
    'Proud of their heritage; wants to learn more.',
  ],
};

export const OBJECTIVES: Readonly<Record<Schedule1Matter, string>> = {
  contact: 'Agree a contact pattern the young person is happy with',
  education: 'Enrol on a course for the next academic year',
  employment: 'Find part-time work or an apprenticeship',
  contingency: 'Have a written plan for what happens if the placement ends',
  accommodation: 'Move into a suitable tenancy with support',
  relationships: 'Keep regular contact with siblings',
  skills: 'Manage a weekly budget without running short',
  finance: 'Have all benefits and grants in payment',
  health: 'Register with a dentist and complete the health passport',
  identity: 'Hold a birth certificate and photo ID',
};

export const ACTIONS: readonly string[] = [
  'Book an appointment and go together',
  'Complete the application form',
  'Make a referral and chase a reply',
  'Arrange a meeting with the housing officer',
  'Set up a budgeting session',
  'Request documents and check they arrive',
];

export const ACTION_OWNERS: readonly string[] = [
  'Personal adviser',
  'Young person',
  'Personal adviser and young person',
  'Housing officer',
  'Virtual school',
  'Key worker',
];

export const CONTACT_NOTES: readonly string[] = [
  'Talked about college and money; all fine.',
  'Checked the flat; heating working now.',
  'Quick catch-up by phone; no concerns.',
  'Went through the pathway plan actions together.',
  'Discussed a worry about rent arrears; plan agreed.',
];

export const UNSUITABLE_REASONS: readonly string[] = [
  'Emergency placement after a tenancy breakdown',
  'Shared facilities and no support on site',
  'Far from college and support network',
  'Concerns about other residents',
];

export const OVERSIGHT_NOTES: readonly string[] = [
  'Case discussed in supervision; plan on track.',
  'Review overdue: PA to arrange within two weeks.',
  'Accommodation concern noted; risk assessment to be updated.',
  'Good progress in education; keep current contact pattern.',
];
