/**
 * `npm start` runs an embedded sync server and passes its address to Electron as `WAYMARK_SYNC_URL`. Only a
 * development build honours it: an installed (packaged) build takes its sync server from managed policy or
 * the user's settings, never from an environment variable another program could set to redirect records.
 */
import type { PolicyProblem, UserPolicySettings } from './policy-schema.ts';

export const DEVELOPMENT_SYNC_URL_VARIABLE = 'WAYMARK_SYNC_URL';

export interface DevelopmentSyncInput {
  readonly settings: UserPolicySettings;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Electron's app.isPackaged. */
  readonly isPackaged: boolean;
}

/**
 * The user's settings with the embedded server's URL underneath them (a user setting or policy beats it)
 * in a development build; unchanged, with a problem to log, in a packaged build that was given one.
 */
export function withDevelopmentSyncUrl(input: DevelopmentSyncInput): {
  readonly settings: UserPolicySettings;
  readonly problems: readonly PolicyProblem[];
} {
  const embedded = input.env[DEVELOPMENT_SYNC_URL_VARIABLE];
  if (!embedded) return { settings: input.settings, problems: [] };
  if (input.isPackaged) {
    return {
      settings: input.settings,
      problems: [
        {
          source: 'environment',
          key: DEVELOPMENT_SYNC_URL_VARIABLE,
          message: `${DEVELOPMENT_SYNC_URL_VARIABLE} is honoured only by development builds; ignored`,
        },
      ],
    };
  }
  return { settings: { syncServerUrl: embedded, ...input.settings }, problems: [] };
}
