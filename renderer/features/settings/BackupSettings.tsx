import { format } from 'date-fns';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { BackupImportError, exportBackup, importBackup } from '../../db/backup.ts';
import { backupCodec } from '../../db/record-codec.ts';
import { useRecordStore } from '../../db/store-context.tsx';
import { todayIso } from '../../db/today.ts';
import { downloadText } from '../../ui/download.ts';

type Outcome =
  | { readonly kind: 'exported'; readonly count: number }
  | { readonly kind: 'imported'; readonly count: number }
  | { readonly kind: 'refused'; readonly problems: readonly string[] };

/** Backup of every record on this laptop to a file, and restore from one (nothing half-imported). */
export function BackupSettings() {
  const store = useRecordStore();
  const fileId = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const codec = backupCodec(todayIso);

  const show = (next: Outcome) => {
    setOutcome(next);
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  async function download() {
    setBusy(true);
    try {
      const backup = await exportBackup(store, codec);
      downloadText(
        `waymark-backup-${format(new Date(), 'yyyy-MM-dd')}.json`,
        JSON.stringify(backup),
        'application/json',
      );
      show({ kind: 'exported', count: backup.records.length });
    } finally {
      setBusy(false);
    }
  }

  async function restore(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (!file) return;
    setBusy(true);
    try {
      const { imported } = await importBackup(store, codec, await file.text());
      show({ kind: 'imported', count: imported.length });
    } catch (error) {
      show({
        kind: 'refused',
        problems: error instanceof BackupImportError ? error.problems : [(error as Error).message],
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p>
        A backup file holds the full records of every young person on this laptop. Keep it only on your
        council’s secure storage; never email it or save it to a personal device.
      </p>
      <p>
        <button type="button" className="button" onClick={() => void download()} disabled={busy}>
          Download a backup of all records
        </button>
      </p>
      <div className="field">
        <label htmlFor={fileId}>Restore from a backup file</label>
        <span className="hint">
          Restoring merges the file into the records here: nothing recorded since the backup is lost. If any
          record in the file is damaged, nothing is restored.
        </span>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void restore(e)}
          disabled={busy}
        />
      </div>
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {outcome?.kind === 'exported' ? (
          <p className="notice">Backup downloaded: {outcome.count} records.</p>
        ) : outcome?.kind === 'imported' ? (
          <p className="notice">Restored {outcome.count} records from the backup.</p>
        ) : outcome?.kind === 'refused' ? (
          <div className="error-summary" role="alert">
            <h3 className="error-summary__title">The backup was not restored, and nothing was changed</h3>
            <ul className="error-summary__list">
              {outcome.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
