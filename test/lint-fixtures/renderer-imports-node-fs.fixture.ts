// Linted by test/unit/import-boundaries.test.ts as if it were renderer/bad.ts: must be rejected.
import { readFileSync } from 'node:fs';

export const text = readFileSync('/etc/hostname', 'utf8');
