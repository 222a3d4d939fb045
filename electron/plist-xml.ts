/**
 * A small parser for XML property lists (Apple's plist DTD): dict, array, string, integer, real, true,
 * false, date and data. Enough for managed preferences; it expands only the five predefined XML entities
 * and numeric character references (no DTD processing, so no entity-expansion attacks).
 */
export type PlistValue =
  string | number | boolean | Date | Uint8Array | PlistValue[] | { [key: string]: PlistValue };

export class PlistParseError extends Error {
  override readonly name = 'PlistParseError';
}

type Token =
  | { readonly kind: 'open'; readonly name: string }
  | { readonly kind: 'close'; readonly name: string }
  | { readonly kind: 'empty'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string };

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const named = ENTITIES[entity];
    if (named === undefined) throw new PlistParseError(`unknown XML entity ${whole}`);
    return named;
  });
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) tokens.push({ kind: 'text', text: decodeEntities(xml.slice(i, textEnd)) });
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) throw new PlistParseError('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw new PlistParseError('unterminated declaration');
      i = end + 1;
      continue;
    }
    const end = xml.indexOf('>', lt);
    if (end === -1) throw new PlistParseError('unterminated tag');
    const inner = xml.slice(lt + 1, end).trim();
    const match = /^(\/)?([A-Za-z][\w.-]*)(?:\s[^>]*?)?(\/)?$/.exec(inner);
    if (match === null) throw new PlistParseError(`malformed tag <${inner}>`);
    const [, closing, name = '', selfClosing] = match;
    if (closing !== undefined) tokens.push({ kind: 'close', name });
    else if (selfClosing !== undefined) tokens.push({ kind: 'empty', name });
    else tokens.push({ kind: 'open', name });
    i = end + 1;
  }
  return tokens.filter((token) => token.kind !== 'text' || token.text.trim() !== '');
}

class Parser {
  private position = 0;
  private readonly tokens: readonly Token[];

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (token === undefined) throw new PlistParseError('unexpected end of document');
    this.position += 1;
    return token;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private expectClose(name: string): void {
    const token = this.next();
    if (token.kind !== 'close' || token.name !== name) throw new PlistParseError(`expected </${name}>`);
  }

  /** Text content up to the closing tag (which is consumed). Empty when the element is empty. */
  private textUntilClose(name: string): string {
    const token = this.peek();
    let text = '';
    if (token?.kind === 'text') {
      text = token.text;
      this.position += 1;
    }
    this.expectClose(name);
    return text;
  }

  document(): PlistValue {
    const open = this.next();
    if (open.kind !== 'open' || open.name !== 'plist') throw new PlistParseError('document is not a <plist>');
    const value = this.value();
    this.expectClose('plist');
    if (this.peek() !== undefined) throw new PlistParseError('content after </plist>');
    return value;
  }

  value(): PlistValue {
    const token = this.next();
    if (token.kind === 'empty') {
      if (token.name === 'true') return true;
      if (token.name === 'false') return false;
      if (token.name === 'string') return '';
      if (token.name === 'dict') return {};
      if (token.name === 'array') return [];
      throw new PlistParseError(`unexpected <${token.name}/>`);
    }
    if (token.kind !== 'open') throw new PlistParseError('expected a value element');
    switch (token.name) {
      case 'string':
        return this.textUntilClose('string');
      case 'integer': {
        const text = this.textUntilClose('integer').trim();
        if (!/^[+-]?\d+$/.test(text)) throw new PlistParseError(`invalid <integer> "${text}"`);
        return Number(text);
      }
      case 'real': {
        const number = Number(this.textUntilClose('real').trim());
        if (Number.isNaN(number)) throw new PlistParseError('invalid <real>');
        return number;
      }
      case 'true':
        this.expectClose('true');
        return true;
      case 'false':
        this.expectClose('false');
        return false;
      case 'date': {
        const date = new Date(this.textUntilClose('date').trim());
        if (Number.isNaN(date.getTime())) throw new PlistParseError('invalid <date>');
        return date;
      }
      case 'data':
        return new Uint8Array(Buffer.from(this.textUntilClose('data').replace(/\s+/g, ''), 'base64'));
      case 'array': {
        const items: PlistValue[] = [];
        while (this.peek()?.kind !== 'close') items.push(this.value());
        this.expectClose('array');
        return items;
      }
      case 'dict': {
        const dict: { [key: string]: PlistValue } = Object.create(null) as { [key: string]: PlistValue };
        while (this.peek()?.kind !== 'close') {
          const keyOpen = this.next();
          if (keyOpen.kind !== 'open' || keyOpen.name !== 'key')
            throw new PlistParseError('expected <key> in <dict>');
          const key = this.textUntilClose('key');
          dict[key] = this.value();
        }
        this.expectClose('dict');
        return dict;
      }
      default:
        throw new PlistParseError(`unsupported element <${token.name}>`);
    }
  }
}

export function parsePlistXml(xml: string): PlistValue {
  return new Parser(tokenize(xml)).document();
}
