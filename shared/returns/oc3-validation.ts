/**
 * DfE consistency rules for OC3 rows. Each failure names the DfE rule number, a short rule name and the
 * field at fault. Rule numbers and meanings follow the DfE's SSDA903 validation rules:
 * 131–133 code lists, 153 all-or-none, 344 DIED/RHOM ⇒ 0, 345 YES ⇒ not 0, 391 under 17 at the end
 * of the collection year ⇒ blank, 3001 no former-foster-carer accommodation (Z) at a 17th birthday.
 */
import { ACCOM_VALUES, ACTIV_CODES, IN_TOUCH_CODES, OC3_ZERO } from '../domain/codes.ts';
import { ageOn, isWithin, nthBirthday } from '../domain/dates.ts';
import { collectionYear } from './collection-year.ts';
import { fromDfeDate, type Oc3Field, type Oc3RowInput } from './oc3.ts';

export interface Oc3Failure {
  /** The DfE rule number, or 'local' for Waymark's own checks (CHILD present and unique, DOB readable). */
  readonly rule: string;
  readonly name: string;
  readonly field: Oc3Field;
  readonly message: string;
}

const IN_TOUCH_SET: ReadonlySet<string> = new Set(IN_TOUCH_CODES);
const ACTIV_SET: ReadonlySet<string> = new Set<string>([...ACTIV_CODES, OC3_ZERO]);
const ACCOM_SET: ReadonlySet<string> = new Set<string>([...ACCOM_VALUES, OC3_ZERO]);
const CARE_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const;

function blank(value: string): boolean {
  return value.trim() === '';
}

function codeListFailures(row: Oc3RowInput): Oc3Failure[] {
  const failures: Oc3Failure[] = [];
  const check = (rule: string, field: Oc3Field, allowed: ReadonlySet<string>, what: string) => {
    if (!blank(row[field]) && !allowed.has(row[field]))
      failures.push({
        rule,
        name: 'code-list',
        field,
        message: `${JSON.stringify(row[field])} is not a valid ${what} code`,
      });
  };
  check('131', 'IN_TOUCH', IN_TOUCH_SET, 'IN_TOUCH');
  check('132', 'ACTIV', ACTIV_SET, 'ACTIV');
  check('133', 'ACCOM', ACCOM_SET, 'ACCOM');
  return failures;
}

function consistencyFailures(row: Oc3RowInput): Oc3Failure[] {
  const failures: Oc3Failure[] = [];
  const filled = CARE_FIELDS.filter((field) => !blank(row[field]));
  if (filled.length > 0 && filled.length < CARE_FIELDS.length)
    for (const field of CARE_FIELDS.filter((f) => blank(row[f])))
      failures.push({
        rule: '153',
        name: 'all-or-none',
        field,
        message: `must be completed because ${filled.join(' and ')} ${filled.length > 1 ? 'are' : 'is'}: IN_TOUCH, ACTIV and ACCOM are all completed or all blank`,
      });
  const inTouch = row.IN_TOUCH.trim();
  for (const field of ['ACTIV', 'ACCOM'] as const) {
    const value = row[field].trim();
    if ((inTouch === 'DIED' || inTouch === 'RHOM') && value !== '' && value !== OC3_ZERO)
      failures.push({
        rule: '344',
        name: 'died-or-returned-home-zero',
        field,
        message: `must be 0 when IN_TOUCH is ${inTouch} (got ${JSON.stringify(value)})`,
      });
    if (inTouch === 'YES' && value === OC3_ZERO)
      failures.push({
        rule: '345',
        name: 'in-touch-not-zero',
        field,
        message: 'must not be 0 when IN_TOUCH is YES',
      });
  }
  return failures;
}

/** Validates one OC3 row for the collection year ending in `yearEnding`. An empty list means it passes. */
export function validateOc3Row(row: Oc3RowInput, yearEnding: number): Oc3Failure[] {
  const year = collectionYear(yearEnding);
  const failures: Oc3Failure[] = [];
  if (blank(row.CHILD))
    failures.push({ rule: 'local', name: 'child-required', field: 'CHILD', message: 'is required' });
  failures.push(...codeListFailures(row), ...consistencyFailures(row));
  const dob = fromDfeDate(row.DOB);
  if (dob === null) {
    failures.push({
      rule: 'local',
      name: 'dob-format',
      field: 'DOB',
      message: `must be a real date written dd/mm/yyyy (got ${JSON.stringify(row.DOB)})`,
    });
    return failures;
  }
  if (ageOn(dob, year.end) < 17)
    for (const field of CARE_FIELDS.filter((f) => !blank(row[f])))
      failures.push({
        rule: '391',
        name: 'under-17-blank',
        field,
        message: `must be blank: the young person is under 17 at the end of the collection year (${year.end})`,
      });
  const accom = row.ACCOM.trim();
  if ((accom === 'Z1' || accom === 'Z2') && isWithin(nthBirthday(dob, 17), year.start, year.end))
    failures.push({
      rule: '3001',
      name: 'no-staying-put-at-17',
      field: 'ACCOM',
      message: `cannot be ${accom} (former foster carers) for a 17th birthday in the collection year ${year.label}`,
    });
  return failures;
}

export interface Oc3RowFailures {
  readonly index: number;
  readonly child: string;
  readonly failures: readonly Oc3Failure[];
}

/** Validates a whole OC3 table: each row, and one row per child. Rows that pass are left out. */
export function validateOc3Table(rows: readonly Oc3RowInput[], yearEnding: number): Oc3RowFailures[] {
  const seen = new Set<string>();
  const out: Oc3RowFailures[] = [];
  rows.forEach((row, index) => {
    const failures = validateOc3Row(row, yearEnding);
    const child = row.CHILD.trim();
    if (child !== '' && seen.has(child))
      failures.push({
        rule: 'local',
        name: 'child-unique',
        field: 'CHILD',
        message: `${child} appears in more than one row`,
      });
    seen.add(child);
    if (failures.length > 0) out.push({ index, child, failures });
  });
  return out;
}
