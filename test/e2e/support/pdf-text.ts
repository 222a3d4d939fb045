/**
 * A small text extractor for the PDFs Chromium prints (Skia): inflates the streams, reads each font's
 * ToUnicode CMap and decodes the hex glyph strings of Tj/TJ in the content streams. Enough to check that
 * a printed page holds a text; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
    const body = match[2] ?? '';
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    let start = at + 'stream'.length;
    if (body[start] === '\r') start += 1;
    if (body[start] === '\n') start += 1;
    const end = body.lastIndexOf('endstream');
    const raw = Buffer.from(body.slice(start, end), 'latin1');
    let stream: Buffer = raw;
    if (dict.includes('/FlateDecode')) {
      try {
        stream = inflateSync(raw);
      } catch {
        stream = raw;
      }
    }
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

type CMap = { readonly width: number; readonly map: Map<number, string> };

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  if (units.length === 0 && hex.length === 2) units.push(parseInt(hex, 16));
  return String.fromCharCode(...units);
}

function parseCMap(text: string): CMap {
  const map = new Map<number, string>();
  let width = 1;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      const src = pair[1] ?? '';
      width = Math.max(width, src.length / 2);
      map.set(parseInt(src, 16), utf16(pair[2] ?? ''));
    }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const range of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
    )) {
      const from = parseInt(range[1] ?? '0', 16);
      const to = parseInt(range[2] ?? '0', 16);
      width = Math.max(width, (range[1] ?? '').length / 2);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        const list = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => m[1] ?? '');
        list.forEach((hex, index) => map.set(from + index, utf16(hex)));
      } else {
        const base = target.slice(1, -1);
        const prefix = base.slice(0, -4);
        const last = parseInt(base.slice(-4), 16);
        for (let code = from; code <= to; code++)
          map.set(code, utf16(prefix + (last + code - from).toString(16).padStart(4, '0')));
      }
    }
  return { width, map };
}

function decode(hex: string, cmap: CMap | undefined): string {
  const width = cmap?.width ?? 1;
  let out = '';
  for (let i = 0; i + width * 2 <= hex.length; i += width * 2) {
    const code = parseInt(hex.slice(i, i + width * 2), 16);
    out += cmap?.map.get(code) ?? '';
  }
  return out;
}

/** The text of every content stream in the PDF, in stream order. */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const cmapOfFont = new Map<number, CMap>();
  for (const [id, object] of objects) {
    const ref = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(object.dict);
    const stream = ref ? objects.get(Number(ref[1]))?.stream : null;
    if (stream) cmapOfFont.set(id, parseCMap(stream.toString('latin1')));
  }
  const fontByName = new Map<string, number>();
  for (const object of objects.values())
    for (const fonts of object.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g))
      for (const entry of (fonts[1] ?? '').matchAll(/\/([\w.-]+)\s+(\d+)\s+0\s+R/g))
        fontByName.set(entry[1] ?? '', Number(entry[2]));
  let text = '';
  for (const object of objects.values()) {
    if (object.stream === null || object.dict.includes('/ToUnicode') || object.dict.includes('/Subtype'))
      continue;
    const content = object.stream.toString('latin1');
    if (!content.includes('BT')) continue;
    let font: CMap | undefined;
    const tokens =
      /\/([\w.-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|(-?\d+(?:\.\d+)?)\s*(?=[<\]])|\b(ET|Td|TD|T\*|Tm)\b/g;
    for (let match = tokens.exec(content); match !== null; match = tokens.exec(content)) {
      if (match[1] !== undefined) font = cmapOfFont.get(fontByName.get(match[1]) ?? -1);
      else if (match[2] !== undefined) text += decode(match[2], font);
      else if (match[3] !== undefined) {
        if (Number(match[3]) < -200) text += ' ';
      } else text += '\n';
    }
  }
  return text;
}

/** Text without whitespace, for comparing PDF text whose spacing depends on glyph positions. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
