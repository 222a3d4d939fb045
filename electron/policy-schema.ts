/**
 * Managed policy values, their validation, and precedence: managed policy (machine, then user-level
 * managed policy) beats the user's own settings, which beat the defaults. Invalid values are reported and
 * ignored — they never crash the app and never override a lower-precedence valid value.
 *
 * The same key names are used in every source: the Windows registry (HKLM\Software\Policies\Waymark),
 * the macOS managed-preferences plist (uk.gov.waymark) and Linux /etc/waymark/policy.json.
 */
import { z } from 'zod';
import type { ManagedPolicy, PolicyValue } from '../shared/bridge.ts';

export const POLICY_KEYS = {
  syncServerUrl: 'SyncServerUrl',
  idleLockMinutes: 'IdleLockMinutes',
  updateChannel: 'UpdateChannel',
  updateUrl: 'UpdateUrl',
  unlockFailureAction: 'UnlockFailureAction',
} as const satisfies Record<keyof ManagedPolicy, string>;

export type PolicyField = keyof ManagedPolicy;

export interface PolicyProblem {
  /** Where the value came from, e.g. "HKLM\Software\Policies\Waymark" or "/etc/waymark/policy.json". */
  readonly source: string;
  /** The policy key (e.g. "IdleLockMinutes"), or null for a problem with the whole source. */
  readonly key: string | null;
  readonly message: string;
}

/** Raw values read from one managed source, keyed by policy key name, before validation. */
export interface RawPolicySource {
  readonly source: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Problems reading or parsing the source itself. */
  readonly problems: readonly PolicyProblem[];
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Empty string means "explicitly none" (e.g. updates turned off by policy). */
const emptyMeansNull = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value;

function urlSchema(allowed: (url: URL) => string | null): z.ZodType<string> {
  return z.string({ error: 'must be a text URL' }).superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a valid URL` });
      return;
    }
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
      return;
    }
    const problem = allowed(url);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** The sync server's https:// address or its wss:// sync URL (see syncEndpoints in shared/protocol.ts). */
const syncServerUrl = urlSchema((url) => {
  if (url.protocol === 'wss:' || url.protocol === 'https:') return null;
  if ((url.protocol === 'ws:' || url.protocol === 'http:') && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'must be an https:// or wss:// URL (http:// and ws:// are allowed only for localhost)';
});

const updateUrl = urlSchema((url) => (url.protocol === 'https:' ? null : 'must be an https:// URL'));

const numberLike = z.union(
  [
    z.number({ error: 'must be a whole number' }),
    z
      .string()
      .regex(/^\s*\d+\s*$/, { error: 'must be a whole number' })
      .transform((text) => Number(text)),
  ],
  { error: 'must be a whole number' },
);

/** Field validators; each accepts the raw value and yields the typed value. */
export const POLICY_FIELD_SCHEMAS = {
  syncServerUrl: z.preprocess(emptyMeansNull, syncServerUrl.nullable()),
  idleLockMinutes: numberLike.pipe(
    z
      .number()
      .int({ error: 'must be a whole number of minutes' })
      .min(1, { error: 'must be at least 1 minute' })
      .max(480, { error: 'must be at most 480 minutes (8 hours)' }),
  ),
  updateChannel: z.preprocess(
    emptyMeansNull,
    z.string({ error: 'must be a channel name' }).regex(/^[a-z][a-z0-9-]{0,31}$/, {
      error: 'must be a lower-case channel name such as "stable" or "beta"',
    }),
  ),
  updateUrl: z.preprocess(emptyMeansNull, updateUrl.nullable()),
  unlockFailureAction: z.preprocess(
    emptyMeansNull,
    z.enum(['sign-in', 'wipe'], { error: 'must be "sign-in" or "wipe"' }),
  ),
} as const satisfies Record<PolicyField, z.ZodType>;

export const POLICY_DEFAULTS: { readonly [K in PolicyField]: ManagedPolicy[K]['value'] } = {
  syncServerUrl: null,
  idleLockMinutes: 15,
  updateChannel: 'stable',
  updateUrl: null,
  unlockFailureAction: 'sign-in',
};

/**
 * Fields only managed policy may set: where updates come from (a user-chosen update server could install
 * someone else's build) and what happens after too many wrong passwords at the lock screen.
 */
export const MANAGED_ONLY_FIELDS: ReadonlySet<PolicyField> = new Set<PolicyField>([
  'updateUrl',
  'unlockFailureAction',
]);

/** The user's own settings for the same fields (unlocked values), e.g. from settings.json. */
export type UserPolicySettings = { readonly [K in PolicyField]?: unknown };

export interface ResolvedPolicy {
  readonly policy: ManagedPolicy;
  readonly problems: readonly PolicyProblem[];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(POLICY_KEYS));

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join('; ');
}

/**
 * Resolves each field: the first managed source (in the order given, highest precedence first) with a
 * valid value wins and is locked; otherwise a valid user setting; otherwise the default.
 */
export function resolvePolicy(
  managed: readonly RawPolicySource[],
  user: UserPolicySettings = {},
  userSource = 'user settings',
): ResolvedPolicy {
  const problems: PolicyProblem[] = [];
  for (const source of managed) {
    problems.push(...source.problems);
    for (const key of Object.keys(source.values)) {
      if (!KNOWN_KEYS.has(key)) {
        problems.push({ source: source.source, key, message: `unknown policy key "${key}" ignored` });
      }
    }
  }

  function resolveField<K extends PolicyField>(field: K): PolicyValue<ManagedPolicy[K]['value']> {
    const schema = POLICY_FIELD_SCHEMAS[field] as z.ZodType<ManagedPolicy[K]['value']>;
    const key = POLICY_KEYS[field];
    for (const source of managed) {
      if (!Object.hasOwn(source.values, key)) continue;
      const parsed = schema.safeParse(source.values[key]);
      if (parsed.success) return { value: parsed.data, locked: true };
      problems.push({
        source: source.source,
        key,
        message: `${key} ${describe(parsed.error)}; value ignored`,
      });
    }
    if (user[field] !== undefined && MANAGED_ONLY_FIELDS.has(field)) {
      problems.push({
        source: userSource,
        key: field,
        message: `${field} can be set only by managed policy; value ignored`,
      });
    } else if (user[field] !== undefined) {
      const parsed = schema.safeParse(user[field]);
      if (parsed.success) return { value: parsed.data, locked: false };
      problems.push({
        source: userSource,
        key: field,
        message: `${field} ${describe(parsed.error)}; value ignored`,
      });
    }
    return { value: POLICY_DEFAULTS[field], locked: false };
  }

  const policy: ManagedPolicy = {
    syncServerUrl: resolveField('syncServerUrl'),
    idleLockMinutes: resolveField('idleLockMinutes'),
    updateChannel: resolveField('updateChannel'),
    updateUrl: resolveField('updateUrl'),
    unlockFailureAction: resolveField('unlockFailureAction'),
  };
  return { policy, problems };
}

/** One line per problem, for the log and the About screen. */
export function formatPolicyProblems(problems: readonly PolicyProblem[]): string[] {
  return problems.map((p) => `policy: ${p.source}${p.key === null ? '' : ` ${p.key}`}: ${p.message}`);
}
