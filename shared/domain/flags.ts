/** Status flags: died, refuses contact, no longer requires services, returned home. */
import { addMonthsIso, type IsoDate } from './dates.ts';
import type { StatusFlag } from './model.ts';
import type { FlagKind } from './vocabulary.ts';

/** A flag applies from its start date to its end date inclusive; a death never ends. */
export function isFlagActive(flag: StatusFlag, date: IsoDate): boolean {
  return flag.from <= date && (flag.kind === 'died' || flag.to === null || flag.to >= date);
}

export function activeFlagKinds(flags: readonly StatusFlag[], date: IsoDate): ReadonlySet<FlagKind> {
  return new Set(flags.filter((flag) => isFlagActive(flag, date)).map((flag) => flag.kind));
}

export function hasDied(flags: readonly StatusFlag[], date: IsoDate): boolean {
  return flags.some((flag) => flag.kind === 'died' && flag.from <= date);
}

/**
 * Living back with parents (or someone with parental responsibility) continuously for at least six
 * months by `date`: SSDA903 IN_TOUCH "RHOM"; a relevant child who returns home for six months stops
 * being relevant (Children Act 1989 s23A(3); Care Leavers (England) Regulations 2010 reg 3).
 */
export function returnedHomeForSixMonths(flags: readonly StatusFlag[], date: IsoDate): boolean {
  return flags.some(
    (flag) => flag.kind === 'returned-home' && isFlagActive(flag, date) && addMonthsIso(flag.from, 6) <= date,
  );
}
