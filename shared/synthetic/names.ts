/**
 * Plainly synthetic names built from made-up syllables with unusual letter clusters, so no generated
 * person carries a real name. Never use real names in fixtures (CONTRIBUTING.md).
 */
import type { Rng } from './random.ts';

export const GIVEN_SYLLABLES = [
  'zev',
  'qua',
  'tir',
  'oxa',
  'bly',
  'nim',
  'vorn',
  'ekk',
  'uly',
  'pry',
  'sko',
  'wex',
  'jha',
  'dro',
  'fyl',
  'ixo',
];
export const FAMILY_SYLLABLES = [
  'grax',
  'ubo',
  'thrim',
  'velk',
  'oss',
  'pyre',
  'quin',
  'zad',
  'mox',
  'rukk',
  'yeth',
  'ilv',
  'brun',
  'dax',
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function syntheticGivenName(rng: Rng): string {
  return capitalise(rng.pick(GIVEN_SYLLABLES) + rng.pick(GIVEN_SYLLABLES));
}

export function syntheticFamilyName(rng: Rng): string {
  const syllables = rng.chance(0.3) ? 3 : 2;
  let name = '';
  for (let i = 0; i < syllables; i++) name += rng.pick(FAMILY_SYLLABLES);
  return capitalise(name);
}
