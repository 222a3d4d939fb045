// Linted as renderer/bad.ts: a bare Node built-in must be rejected too.
import { readFileSync } from 'fs';

export const text = readFileSync('/etc/hostname', 'utf8');
