import { createContext, useContext, type ReactNode } from 'react';
import { todayIso } from '../../db/today.ts';

const TodayContext = createContext<() => string>(todayIso);

/** Sets the day the team view computes for (tests fix it; the app uses the laptop's date). */
export function TeamTodayProvider({ today, children }: { today: () => string; children: ReactNode }) {
  return <TodayContext value={today}>{children}</TodayContext>;
}

/** Today (yyyy-MM-dd) for the team view. */
export function useTeamToday(): string {
  return useContext(TodayContext)();
}
