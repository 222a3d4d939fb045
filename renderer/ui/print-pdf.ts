import type { WaymarkBridge } from '../../shared/bridge.ts';

/**
 * Saves the current page as a PDF through the desktop host (downloaded as `filename`); in a plain
 * browser, where there is no silent PDF, opens the print dialogue, which offers "Save as PDF".
 */
export async function savePageAsPdf(bridge: WaymarkBridge, filename: string): Promise<void> {
  try {
    const bytes = await bridge.printToPdf();
    const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    window.print();
  }
}
