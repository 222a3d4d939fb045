/**
 * IPC channel names and the zod schemas for each channel's arguments. The preload invokes these channels;
 * the main process validates the sender and then the arguments before doing anything.
 *
 * The channel names themselves live in ipc-channels.ts (re-exported here) so that the preload bundle,
 * which needs only the names, does not pull in zod.
 */
import { z } from 'zod';
import { INVOKE } from './ipc-channels.ts';
import type { InvokeChannel } from './ipc-channels.ts';

export { EVENTS, INVOKE } from './ipc-channels.ts';
export type { EventChannel, InvokeChannel } from './ipc-channels.ts';

/** A sync token: a JWT or opaque bearer token, printable ASCII, bounded length. */
export const tokenSchema = z
  .string({ error: 'token must be a string' })
  .min(1, { error: 'token must not be empty' })
  .max(16_384, { error: 'token is longer than 16384 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'token must be printable ASCII without spaces' });

const noArguments = z.tuple([], { error: 'this call takes no arguments' });

/** Argument tuples, channel by channel. Extra arguments are an error (tuples are exact). */
export const INVOKE_ARGUMENTS = {
  [INVOKE.appInfo]: noArguments,
  [INVOKE.tokensSave]: z.tuple([tokenSchema]),
  [INVOKE.tokensLoad]: noArguments,
  [INVOKE.tokensClear]: noArguments,
  [INVOKE.policy]: noArguments,
  [INVOKE.updateStatus]: noArguments,
  [INVOKE.printToPdf]: noArguments,
  [INVOKE.wipeLocalData]: noArguments,
} as const satisfies Record<InvokeChannel, z.ZodType<readonly unknown[]>>;

export type InvokeArguments<C extends InvokeChannel> = z.infer<(typeof INVOKE_ARGUMENTS)[C]>;
