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
import { callParsed } from './team-server.ts';

export function previewImportOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  body: ImportRequestBody,
): Promise<ImportPreviewResponse> {
  return callParsed(bridge, serverUrl, EXCHANGE_API_PATHS.importPreview, importPreviewResponseSchema, body);
}

export function confirmImportOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  body: ImportConfirmBody,
): Promise<ImportConfirmResponse> {
  return callParsed(bridge, serverUrl, EXCHANGE_API_PATHS.importConfirm, importConfirmResponseSchema, body);
}

export function exportWorkOnServer(
  bridge: WaymarkBridge,
  serverUrl: string,
  body: ExportRequestBody,
): Promise<ExportResponse> {
  return callParsed(bridge, serverUrl, EXCHANGE_API_PATHS.export, exportResponseSchema, body);
}
