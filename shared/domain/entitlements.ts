/**
 * What a young person is entitled to: the statutory entitlements, each with its source and who it is
 * for, and the council's own local offer (TeamSettings.entitlementChecklist, set by the team manager).
 * Sources are cited on each statutory line below.
 */
import { ageOn, type IsoDate } from './dates.ts';
import { eetOn } from './eet.ts';
import type { Entitlement, YoungPersonRecord } from './model.ts';
import type { TeamSettings } from './settings.ts';
import type { EntitlementStatus } from './vocabulary.ts';

/**
 * Setting Up Home Allowance: the national minimum, £3,000 from April 2023 (DfE announcement of
 * 16 January 2023, raising it from £2,000; "Setting up home allowance" in the care leaver local offer).
 */
export const SETTING_UP_HOME_MINIMUM_PENCE = 300_000;
/**
 * Higher education bursary: £2,000 for a former relevant young person in higher education (Children
 * Act 1989 s23C(5A)–(5B); Children Act 1989 (Higher Education Bursary) (England) Regulations 2009).
 */
export const HE_BURSARY_PENCE = 200_000;

export interface StatutoryEntitlement {
  readonly key: string;
  readonly label: string;
  /** The Act section, regulation or national scheme it comes from. */
  readonly source: string;
  /** What the young person gets, in one sentence. */
  readonly what: string;
  /** A fixed national amount, when there is one. */
  readonly amountPence: number | null;
  /** Why the PA should raise it now, or null when it does not apply to this young person today. */
  readonly prompt: (record: YoungPersonRecord, today: IsoDate) => string | null;
}

function inHigherEducation(record: YoungPersonRecord, today: IsoDate): boolean {
  const period = eetOn(record.eet, today);
  return period !== null && (period.activ === 'F1' || period.activ === 'P1');
}

function inApprenticeship(record: YoungPersonRecord, today: IsoDate): boolean {
  const period = eetOn(record.eet, today);
  return period !== null && (period.activ === 'F4' || period.activ === 'P4');
}

const qualifying = (record: YoungPersonRecord) => record.profile.category === 'qualifying';

/** The statutory entitlements, in the order the record lists them. */
export const STATUTORY_ENTITLEMENTS: readonly StatutoryEntitlement[] = [
  {
    key: 'he-bursary',
    label: 'Higher education bursary',
    source: 'Children Act 1989 s23C(5A); Higher Education Bursary (England) Regulations 2009',
    what: '£2,000 towards a higher education course (full or part time), paid by the council.',
    amountPence: HE_BURSARY_PENCE,
    prompt: (record, today) =>
      !qualifying(record) && inHigherEducation(record, today)
        ? 'In higher education (F1/P1): the £2,000 bursary is due.'
        : null,
  },
  {
    key: 'vacation-accommodation',
    label: 'Vacation accommodation',
    source: 'Children Act 1989 s24B(5); Care Leavers (England) Regulations 2010 reg 9(4)',
    what: 'Accommodation during vacations for a student in higher education or residential further education, or money for it.',
    amountPence: null,
    prompt: (record, today) =>
      inHigherEducation(record, today)
        ? 'In higher education (F1/P1): arrange accommodation for the vacations.'
        : null,
  },
  {
    key: 'apprenticeship-bursary',
    label: 'Care leaver apprenticeship bursary',
    source: 'DfE apprenticeship funding rules (care leaver bursary, paid through the training provider)',
    what: 'A one-off bursary for a care leaver starting an apprenticeship, paid through the training provider.',
    amountPence: null,
    prompt: (record, today) =>
      inApprenticeship(record, today) ? 'In an apprenticeship (F4/P4): check the bursary is claimed.' : null,
  },
  {
    key: 'setting-up-home-grant',
    label: 'Setting Up Home Allowance',
    source:
      'DfE national minimum from April 2023; the council’s local offer (Children and Social Work Act 2017 s2)',
    what: 'Money to set up a first home: at least £3,000 nationally, more where the council’s local offer says so.',
    amountPence: SETTING_UP_HOME_MINIMUM_PENCE,
    prompt: (record, today) =>
      !qualifying(record) && ageOn(record.profile.dateOfBirth, today) >= 17
        ? 'Plan for the first move to their own home.'
        : null,
  },
  {
    key: 'council-tax-exemption',
    label: 'Council tax exemption',
    source:
      'Local Government Finance Act 1992 s13A(1)(c) (a discretionary reduction: the council’s local offer)',
    what: 'No council tax to pay, usually to 25, where the council has chosen to offer it.',
    amountPence: null,
    prompt: (record, today) =>
      ageOn(record.profile.dateOfBirth, today) >= 18
        ? 'Living independently from 18: apply the exemption.'
        : null,
  },
  {
    key: 'health-passport',
    label: 'Health history at 18',
    source:
      'Care Leavers (England) Regulations 2010 Sch 1 (health); Promoting the health and wellbeing of looked-after children, statutory guidance 2015',
    what: 'A written summary of their health history, given to them when they leave care.',
    amountPence: null,
    prompt: (record, today) =>
      !qualifying(record) && ageOn(record.profile.dateOfBirth, today) >= 17
        ? 'Give them their health history by 18.'
        : null,
  },
  {
    key: 'staying-close',
    label: 'Staying Close support',
    source:
      'Children Act 1989 s23CZAA, inserted by the Children’s Wellbeing and Schools Act 2026 s7 (in force when commenced; before that, DfE Staying Close guidance)',
    what: 'An assessment of whether they need help to find and keep suitable accommodation and to reach health, relationship, education, employment and community services, and that help if so (former relevant young people under 25).',
    amountPence: null,
    prompt: (record, today) =>
      !qualifying(record) && ageOn(record.profile.dateOfBirth, today) >= 18
        ? 'Former relevant and under 25: assess whether Staying Close support is needed.'
        : null,
  },
  {
    key: 'advocacy',
    label: 'Advocacy offered',
    source: 'Children Act 1989 s26A',
    what: 'An independent advocate to help them make representations, including complaints.',
    amountPence: null,
    prompt: () => 'Every care leaver: offer an advocate.',
  },
  {
    key: 'complaints',
    label: 'How to complain explained',
    source:
      'Children Act 1989 s26(3); Children Act 1989 Representations Procedure (England) Regulations 2006',
    what: 'How to make a representation or complaint about the council’s services.',
    amountPence: null,
    prompt: () => 'Every care leaver: explain how to complain.',
  },
];

const STATUTORY_KEYS: ReadonlySet<string> = new Set(STATUTORY_ENTITLEMENTS.map((item) => item.key));

export interface ChecklistLine {
  readonly key: string;
  readonly label: string;
  readonly status: EntitlementStatus;
  readonly entry: Entitlement | null;
  /** The statutory source, or null for the council's own local offer. */
  readonly source: string | null;
  readonly what: string | null;
  /** Why to raise it now (statutory lines that apply today), else null. */
  readonly prompt: string | null;
  /** The amount the council gives (its local offer figure, at least any national minimum), or null. */
  readonly expectedPence: number | null;
  /** A recorded amount below the national minimum or different from the council's figure, else null. */
  readonly amountProblem: string | null;
}

function pounds(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 === 0 ? 0 : 2 })}`;
}

function amountProblem(
  entry: Entitlement | null,
  minimum: number | null,
  council: number | null,
): string | null {
  if (entry === null || entry.amountPence === null || entry.status !== 'received') return null;
  if (minimum !== null && entry.amountPence < minimum)
    return `${pounds(entry.amountPence)} recorded: below the national minimum of ${pounds(minimum)}`;
  if (council !== null && entry.amountPence !== council)
    return `${pounds(entry.amountPence)} recorded: the council’s figure is ${pounds(council)}`;
  return null;
}

/**
 * The young person's checklist: the statutory entitlements (with source and, when it applies today,
 * why to raise it), then the council's local offer in its order, then anything recorded that neither
 * lists any more. The council's figure for an amount comes from its local offer; it can raise a national
 * minimum but not lower it.
 */
export function entitlementChecklist(
  record: YoungPersonRecord,
  settings: TeamSettings,
  today: IsoDate | null = null,
): ChecklistLine[] {
  const byItem = new Map(record.entitlements.map((entry) => [entry.item, entry]));
  const local = new Map(settings.entitlementChecklist.map((item) => [item.key, item]));
  const lines: ChecklistLine[] = STATUTORY_ENTITLEMENTS.map((item) => {
    const entry = byItem.get(item.key) ?? null;
    const council = local.get(item.key)?.amountPence ?? null;
    const expected =
      item.amountPence === null
        ? council
        : council === null
          ? item.amountPence
          : Math.max(council, item.amountPence);
    return {
      key: item.key,
      label: item.label,
      status: entry?.status ?? 'not-discussed',
      entry,
      source: item.source,
      what: item.what,
      prompt: today === null ? null : item.prompt(record, today),
      expectedPence: expected,
      amountProblem: amountProblem(entry, item.amountPence, expected),
    };
  });
  for (const item of settings.entitlementChecklist) {
    if (STATUTORY_KEYS.has(item.key)) continue;
    const entry = byItem.get(item.key) ?? null;
    lines.push({
      key: item.key,
      label: item.label,
      status: entry?.status ?? 'not-discussed',
      entry,
      source: null,
      what: null,
      prompt: null,
      expectedPence: item.amountPence,
      amountProblem: amountProblem(entry, null, item.amountPence),
    });
  }
  const listed = new Set([...STATUTORY_KEYS, ...local.keys()]);
  for (const entry of record.entitlements)
    if (!listed.has(entry.item))
      lines.push({
        key: entry.item,
        label: entry.item,
        status: entry.status,
        entry,
        source: null,
        what: null,
        prompt: null,
        expectedPence: null,
        amountProblem: null,
      });
  return lines;
}

const SETTLED: ReadonlySet<EntitlementStatus> = new Set<EntitlementStatus>([
  'received',
  'declined',
  'not-eligible',
]);

/** Lines still to be discussed or pursued. */
export function outstandingEntitlements(
  record: YoungPersonRecord,
  settings: TeamSettings,
  today: IsoDate | null = null,
): ChecklistLine[] {
  return entitlementChecklist(record, settings, today).filter((line) => !SETTLED.has(line.status));
}
