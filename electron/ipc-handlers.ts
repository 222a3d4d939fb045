/**
 * Registers every ipcMain handler. Each handler first checks that the message came from the app's own
 * top-level frame (`app://waymark`), then validates its arguments with the channel's zod schema, and only
 * then calls the service. A refused call rejects in the renderer with a message naming the reason.
 */
import type { AppInfo, ManagedPolicy, TokenStore, UpdateStatus } from '../shared/bridge.ts';
import { isAppUrl } from './app-origin.ts';
import { INVOKE, INVOKE_ARGUMENTS } from './ipc-contract.ts';
import type { InvokeArguments, InvokeChannel } from './ipc-contract.ts';

export interface PdfOptionsLike {
  readonly printBackground: boolean;
  readonly pageSize: 'A4';
  readonly generateTaggedPDF: boolean;
  readonly generateDocumentOutline: boolean;
}

export interface SenderWebContentsLike {
  readonly id: number;
  printToPDF(options: PdfOptionsLike): Promise<Uint8Array>;
}

export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the handlers read. */
export interface IpcInvokeEventLike {
  readonly sender: SenderWebContentsLike;
  /** Null when the frame has navigated away or been destroyed. */
  readonly senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface MainServices {
  appInfo(): AppInfo;
  readonly tokens: TokenStore;
  policy(): ManagedPolicy;
  updateStatus(): UpdateStatus;
  wipeLocalData(): Promise<void>;
}

export class IpcRefusedError extends Error {
  override readonly name = 'IpcRefusedError';
}

/** Why a sender is not trusted, or null when it is the app's own top-level frame. */
export function untrustedSenderReason(event: IpcInvokeEventLike): string | null {
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame no longer exists';
  if (!isAppUrl(frame.url)) return 'the sending frame is not the app (app://waymark)';
  if (frame.parent !== null && frame.parent !== undefined)
    return 'the sending frame is not the top-level frame';
  return null;
}

function describeIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): string {
  return issues
    .map((issue) => {
      const [index, ...rest] = issue.path;
      const where =
        typeof index === 'number'
          ? `argument ${index + 1}${rest.length > 0 ? ` (${rest.join('.')})` : ''}`
          : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** Checks sender then arguments; returns the parsed arguments or throws IpcRefusedError. */
export function validateInvocation<C extends InvokeChannel>(
  channel: C,
  event: IpcInvokeEventLike,
  args: readonly unknown[],
): InvokeArguments<C> {
  const senderProblem = untrustedSenderReason(event);
  if (senderProblem !== null) throw new IpcRefusedError(`${channel} refused: ${senderProblem}`);
  const parsed = INVOKE_ARGUMENTS[channel].safeParse(args);
  if (!parsed.success) {
    throw new IpcRefusedError(`${channel} refused: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data as InvokeArguments<C>;
}

export const PDF_OPTIONS: PdfOptionsLike = {
  printBackground: true,
  pageSize: 'A4',
  generateTaggedPDF: true,
  generateDocumentOutline: true,
};

/** Registers all handlers; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, services: MainServices): () => void {
  const handle = <C extends InvokeChannel>(
    channel: C,
    run: (args: InvokeArguments<C>, event: IpcInvokeEventLike) => Promise<unknown> | unknown,
  ): void => {
    ipcMain.handle(channel, async (event, ...args) => run(validateInvocation(channel, event, args), event));
  };

  handle(INVOKE.appInfo, () => services.appInfo());
  handle(INVOKE.tokensSave, ([token]) => services.tokens.save(token));
  handle(INVOKE.tokensLoad, () => services.tokens.load());
  handle(INVOKE.tokensClear, () => services.tokens.clear());
  handle(INVOKE.policy, () => services.policy());
  handle(INVOKE.updateStatus, () => services.updateStatus());
  handle(
    INVOKE.printToPdf,
    async (_args, event) => new Uint8Array(await event.sender.printToPDF(PDF_OPTIONS)),
  );
  handle(INVOKE.wipeLocalData, () => services.wipeLocalData());

  return () => {
    for (const channel of Object.values(INVOKE)) ipcMain.removeHandler(channel);
  };
}
