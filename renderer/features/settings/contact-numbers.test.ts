import { describe, expect, it } from 'vitest';
import { isPhoneNumber, phoneProblem } from './contact-numbers.ts';

describe('numbers printed on "My plan"', () => {
  it('accepts UK numbers as people write them', () => {
    for (const n of ['01632 960 001', '07700 900982', '+44 7700 900 982', '(01632) 960-001', '0800 123 4567'])
      expect(isPhoneNumber(n), n).toBe(true);
  });
  it('refuses what is not a phone number, in GOV.UK wording', () => {
    for (const n of ['999', 'call me', '01632 960 001 ext 4', '0163296000112345'])
      expect(isPhoneNumber(n), n).toBe(false);
    expect(phoneProblem('abc', 'the out-of-hours number')).toBe(
      'Enter the out-of-hours number in the correct format, like 01632 960 001 or 07700 900 982',
    );
    expect(phoneProblem('', 'your work phone number')).toBeNull();
  });
});
