import { useEffect, useRef, useState } from 'react';
import type { AdminDevice } from '../../../shared/admin-api.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ukDate, ukDateTime } from '../../ui/format.ts';
import { problemOf, useAdminServer } from './use-admin.ts';

/** How a device is named to people (never its id): when it was first used. */
function deviceName(device: AdminDevice): string {
  return `Device first used ${ukDate(device.firstSeen)}`;
}

/**
 * A person's devices, each removable after a confirmation that says what removing does: the device
 * deletes its Waymark data, its sessions end, and its owner needs a new password.
 */
export function DevicesTable({
  personName,
  devices,
  onRevoked,
}: {
  personName: string;
  devices: readonly AdminDevice[];
  onRevoked: (message: string) => void;
}) {
  const server = useAdminServer();
  const [confirming, setConfirming] = useState<AdminDevice | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function revoke(device: AdminDevice) {
    if (!server) return;
    try {
      await server.revokeDevice(device.id);
      setConfirming(null);
      setProblem(null);
      onRevoked(
        `${deviceName(device)} was removed. It will delete its Waymark data when it next connects. ` +
          `${personName} needs a new password before signing in again: reset it below.`,
      );
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  if (devices.length === 0) return <p>{personName} has not signed in on any device yet.</p>;
  return (
    <>
      {problem ? <p className="notice warning">{problem}</p> : null}
      {confirming ? (
        <div
          ref={confirmRef}
          tabIndex={-1}
          className="warning"
          role="group"
          aria-labelledby="revoke-confirm-title"
        >
          <h3 id="revoke-confirm-title">Remove {deviceName(confirming).toLowerCase()}?</h3>
          <p>
            The device deletes every Waymark record and setting it holds when it next connects, including
            changes not yet on the server. {personName} is signed out everywhere and needs a new password
            before signing in again. This cannot be undone.
          </p>
          <div className="admin-actions">
            <button type="button" className="button button--warning" onClick={() => void revoke(confirming)}>
              Yes, remove this device
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <DataTable
        caption={`Devices ${personName} has signed in on`}
        headings={['Device', 'Last seen', 'Status', <span className="visually-hidden">Action</span>]}
      >
        {devices.map((device, index) => (
          <tr key={device.id}>
            <th scope="row">{deviceName(device)}</th>
            <td>{ukDateTime(device.lastSeen)}</td>
            <td>{device.revokedAt ? `Removed ${ukDate(device.revokedAt)}` : 'Active'}</td>
            <td>
              {device.revokedAt ? null : (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setConfirming(device)}
                >
                  Remove
                  <span className="visually-hidden">
                    {' '}
                    device {index + 1}, first used {ukDate(device.firstSeen)}
                  </span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
