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

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
