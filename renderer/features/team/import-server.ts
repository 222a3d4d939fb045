/** The team manager's import and export calls to the sync server (shared/exchange/exchange-api.ts). */
import type { WaymarkBridge } from '../../../shared/bridge.ts';
import {
  EXCHANGE_API_PATHS,
  exportResponseSchema,
  importConfirmResponseSchema,
  importPreviewResponseSchema,
  type ExportRequestBody,
  type ExportResponse,
  type ImportConfirmBody,
  type ImportConfirmResponse,
  type ImportPreviewResponse,
  type ImportRequestBody,
} from '../../../shared/exchange/exchange-api.ts';
import { call } from './team-server.ts';

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export async function previewImportOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  body: ImportRequestBody,
): Promise<ImportPreviewResponse> {
  return importPreviewResponseSchema.parse(
    await call(bridge, serverUrl, EXCHANGE_API_PATHS.importPreview, json(body)),
  );
}

export async function confirmImportOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  body: ImportConfirmBody,
): Promise<ImportConfirmResponse> {
  return importConfirmResponseSchema.parse(
    await call(bridge, serverUrl, EXCHANGE_API_PATHS.importConfirm, json(body)),
  );
}

export async function exportWorkOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  body: ExportRequestBody,
): Promise<ExportResponse> {
  return exportResponseSchema.parse(await call(bridge, serverUrl, EXCHANGE_API_PATHS.export, json(body)));
}
