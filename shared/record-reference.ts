/**
 * A young person's record reference: a short code such as "BC4-7KM-X9T" that a team manager reads out to
 * the administrator (to find who has opened or changed the record in the audit log, or to move it to
 * another team), without the administrator learning anything of the young person. Record ids are never
 * shown to people (issue 16); the reference is derived from the id, so the app and the server compute it
 * alike with nothing stored. Nine characters from an alphabet with no vowels (no words), no 0/O, 1/I/L:
 * 27⁹ ≈ 7.6 × 10¹² references, so two records of one server share one with a chance below 1 in 10⁴ at
 * 100,000 records; the server refuses an ambiguous reference rather than pick one (server/admin-records.ts).
 */

const ALPHABET = '23456789BCDFGHJKMNPQRSTVWXZ';
const LENGTH = 9;
const GROUP = 3;

/** cyrb53: a fast 53-bit string hash (public domain, bryc); not a secret, only spread evenly. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The reference of the record with this id, as shown: "BC4-7KM-X9T". */
export function recordReference(youngPersonId: string): string {
  let value = hash53(`waymark-record:${youngPersonId}`);
  let code = '';
  for (let i = 0; i < LENGTH; i++) {
    code += ALPHABET[value % ALPHABET.length];
    value = Math.floor(value / ALPHABET.length);
  }
  return code.replace(new RegExp(`(.{${GROUP}})(?=.)`, 'g'), '$1-');
}

/**
 * A reference as someone typed it ("bc4 7km x9t", "BC47KMX9T") in its shown form, or null when it cannot
 * be one (wrong length, or a character references never use).
 */
export function normaliseRecordReference(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH || [...compact].some((ch) => !ALPHABET.includes(ch))) return null;
  return compact.replace(new RegExp(`(.{${GROUP}})(?=.)`, 'g'), '$1-');
}

/** What to tell someone whose reference cannot be one. */
export const RECORD_REFERENCE_FORMAT =
  'a record reference is 9 letters and digits in three groups, such as BC4-7KM-X9T';
