/**
 * The few web-platform globals shared/ may use: they exist in browsers, Electron and Node alike.
 * (shared/ compiles without the DOM and Node type libraries so nothing else slips in.)
 */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly protocol: string;
  toString(): string;
}

/** UTF-8 text to bytes and back (the bulk first sync's row frames, shared/bulk-states.ts). */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
