/**
 * The data-exchange part of the HTTP API (same conventions as shared/protocol.ts: Bearer token, JSON,
 * errors as `{ error, message }`). Team managers only, for their own team.
 * - `POST /api/team/import/preview` `{ files, peopleMapping, yearEnding }`: what the import would do.
 * - `POST /api/team/import/confirm` same body plus `skipRefused` (required, explicit): applies it. With
 *   refused rows and `skipRefused: false` nothing is written and the answer is 409 with the preview.
 * - `POST /api/team/export` `{ youngPersonId?, from?, to?, sinceLastExport? }`: the work recorded in
 *   the range as CSV files (contacts, reviews, actions, oversight).
 */
import { z } from 'zod';
import { isIsoDate } from '../domain/dates.ts';
import { peopleMappingSchema } from './people-file.ts';
import { REFUSAL_KINDS } from './refusal.ts';

export const EXCHANGE_API_PATHS = {
  importPreview: '/api/team/import/preview',
  importConfirm: '/api/team/import/confirm',
  export: '/api/team/export',
} as const;

/** Largest import request accepted (four CSV files for a large council). */
export const MAX_IMPORT_BODY_BYTES = 32 * 1024 * 1024;

const FILE_MAX = 30 * 1024 * 1024;
const fileText = (what: string) =>
  z
    .string({ error: `${what}: must be the text of the CSV file` })
    .max(FILE_MAX, { error: `${what}: file too large` });

export const importRequestSchema = z.object({
  files: z.object({
    header: fileText('Header file'),
    episodes: fileText('Episodes file'),
    oc3: fileText('OC3 file').optional(),
    people: fileText('People file'),
  }),
  peopleMapping: peopleMappingSchema,
  yearEnding: z.number().int().min(2000).max(2100),
});
export type ImportRequestBody = z.input<typeof importRequestSchema>;

export const importConfirmSchema = importRequestSchema.extend({
  skipRefused: z.boolean({
    error: 'must be true or false: choose whether to import without the refused rows',
  }),
});
export type ImportConfirmBody = z.input<typeof importConfirmSchema>;

export const countsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  rowsRefused: z.number().int(),
  outOfScope: z.number().int(),
});

export const refusalSchema = z.object({
  kind: z.enum(REFUSAL_KINDS),
  file: z.string(),
  line: z.number().int(),
  column: z.string(),
  child: z.string(),
  reason: z.string(),
  scope: z.enum(['child', 'row']),
});

export const importPreviewResponseSchema = z.object({
  counts: countsSchema,
  refusals: z.array(refusalSchema),
  differences: z.array(
    z.object({
      child: z.string(),
      youngPersonId: z.string(),
      field: z.string(),
      label: z.string(),
      systemOfRecord: z.string(),
      waymark: z.string(),
    }),
  ),
  outOfScope: z.array(z.object({ child: z.string(), reason: z.string() })),
  people: z.array(
    z.object({
      child: z.string(),
      youngPersonId: z.string(),
      action: z.enum(['create', 'update', 'unchanged']),
      changes: z.array(z.string()),
    }),
  ),
});
export type ImportPreviewResponse = z.infer<typeof importPreviewResponseSchema>;

export const importConfirmResponseSchema = z.object({
  counts: countsSchema,
  failed: z.array(z.object({ child: z.string(), reason: z.string() })),
});
export type ImportConfirmResponse = z.infer<typeof importConfirmResponseSchema>;

const dateParam = z.string().refine(isIsoDate, { error: 'must be a real date written yyyy-MM-dd' });

export const exportRequestSchema = z
  .object({
    youngPersonId: z.string().min(1).max(64).optional(),
    from: dateParam.optional(),
    to: dateParam.optional(),
    sinceLastExport: z.boolean().default(false),
  })
  .refine((r) => !(r.sinceLastExport && r.from !== undefined), {
    error: 'give either from or sinceLastExport, not both',
    path: ['from'],
  })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, {
    error: 'must not be after to',
    path: ['from'],
  });
export type ExportRequestBody = z.input<typeof exportRequestSchema>;

export const exportResponseSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  counts: z.object({
    contacts: z.number().int(),
    reviews: z.number().int(),
    actions: z.number().int(),
    oversight: z.number().int(),
    youngPeople: z.number().int(),
    unreadable: z.number().int(),
  }),
  files: z.object({ contacts: z.string(), reviews: z.string(), actions: z.string(), oversight: z.string() }),
});
export type ExportResponse = z.infer<typeof exportResponseSchema>;
