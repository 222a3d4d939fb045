/**
 * The team's settings kept on this laptop (issue 14): fetched from the sync server after each sync
 * (features/team-settings/KeepTeamSettings.tsx), kept in Dexie local settings so every rule and measure
 * uses them offline too, and the defaults (shared/domain/settings.ts) until the first fetch.
 */
import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import { DEFAULT_SETTINGS, teamSettingsSchema, type TeamSettings } from '../../shared/domain/settings.ts';
import type { WaymarkDatabase } from './local-database.ts';
import { useRecordStore } from './store-context.tsx';

/** The local settings key the team's settings are kept under. */
export const TEAM_SETTINGS_KEY = 'teamSettings';

export const keptTeamSettingsSchema = z.object({
  teamId: z.string(),
  settings: teamSettingsSchema,
  /** When a manager last changed them on the server (null: the defaults apply). */
  updatedAt: z.string().nullable(),
});
export type KeptTeamSettings = z.infer<typeof keptTeamSettingsSchema>;

export async function readKeptTeamSettings(db: WaymarkDatabase): Promise<KeptTeamSettings | null> {
  const parsed = keptTeamSettingsSchema.safeParse((await db.settings.get(TEAM_SETTINGS_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/** Keeps what the server answered; returns whether the settings the rules use changed. */
export async function keepTeamSettings(db: WaymarkDatabase, kept: KeptTeamSettings): Promise<boolean> {
  const before = await readKeptTeamSettings(db);
  if (before && JSON.stringify(before) === JSON.stringify(kept)) return false;
  await db.settings.put({ key: TEAM_SETTINGS_KEY, value: kept });
  return JSON.stringify(before?.settings ?? DEFAULT_SETTINGS) !== JSON.stringify(kept.settings);
}

/** The settings every rule and measure on this laptop uses, live; the defaults until the first fetch. */
export function useTeamSettings(): TeamSettings {
  const { db } = useRecordStore();
  return (
    useLiveQuery(async () => (await readKeptTeamSettings(db))?.settings ?? DEFAULT_SETTINGS, [db]) ??
    DEFAULT_SETTINGS
  );
}

/**
 * The settings for code outside React (the caseload projection). `follow` reads the kept value first
 * (so the first projection uses it), then calls `onChange` whenever it changes, so the projection can be
 * rebuilt with the new figures.
 */
export class TeamSettingsFollower {
  current: TeamSettings = DEFAULT_SETTINGS;
  private subscription: { unsubscribe(): void } | null = null;

  async follow(db: WaymarkDatabase, onChange: () => void): Promise<void> {
    if (this.subscription) return;
    const read = async () => (await readKeptTeamSettings(db))?.settings ?? DEFAULT_SETTINGS;
    this.current = await read();
    this.subscription = liveQuery(read).subscribe({
      next: (settings) => {
        if (JSON.stringify(settings) === JSON.stringify(this.current)) return;
        this.current = settings;
        onChange();
      },
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}
