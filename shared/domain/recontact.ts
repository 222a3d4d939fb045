/**
 * Re-contact plans: every young person not in touch needs a recorded risk assessment and a plan to
 * re-establish contact, reviewed regularly (Children Act 1989 s23C(2)(b): take reasonable steps to
 * re-establish contact; DESIGN.md §2).
 */
import type { IsoDate } from './dates.ts';
import type { RecontactPlan } from './model.ts';

/** The latest plan assessed on or before today whose review date has not passed, or null. */
export function currentRecontactPlan(plans: readonly RecontactPlan[], today: IsoDate): RecontactPlan | null {
  let current: RecontactPlan | null = null;
  for (const plan of plans)
    if (
      plan.assessedOn <= today &&
      plan.reviewDue >= today &&
      (current === null || plan.assessedOn > current.assessedOn)
    )
      current = plan;
  return current;
}
