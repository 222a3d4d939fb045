import { useEffect, useState } from 'react';
import type { ManagedPolicy, PolicyValue, UpdateStatus } from '../../../shared/bridge.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';

function Locked({ value }: { value: PolicyValue<unknown> }) {
  return value.locked ? (
    <strong className="tag">Set by your organisation</strong>
  ) : (
    <span className="tag tag--grey">Not set by policy</span>
  );
}

function describeUpdate(status: UpdateStatus | null): string {
  if (!status) return 'Checking…';
  switch (status.state) {
    case 'unsupported':
      return status.reason;
    case 'idle':
      return 'Up to date.';
    case 'checking':
      return 'Checking for an update…';
    case 'available':
      return `Version ${status.version} is available and will download.`;
    case 'downloading':
      return `Downloading an update: ${Math.round(status.percent)}%.`;
    case 'ready':
      return `Version ${status.version} will be installed when Waymark restarts.`;
    case 'error':
      return `The last update check failed: ${status.message}`;
  }
}

/** The values IT sets by managed policy, each saying whether it is locked, and the update status. */
export function PolicySettings() {
  const bridge = useBridge();
  const [policy, setPolicy] = useState<ManagedPolicy | null>(null);
  const [update, setUpdate] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.policy().then((value) => live && setPolicy(value));
    const stop = bridge.onUpdateStatus((status) => live && setUpdate(status));
    return () => {
      live = false;
      stop();
    };
  }, [bridge]);

  if (!policy) return <p>Loading settings…</p>;
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Connection and security</h2>
      <p>
        Settings marked “Set by your organisation” come from your council’s IT policy and cannot be changed
        here.
      </p>
      <dl className="facts facts--settings">
        <dt>Sync server</dt>
        <dd>
          {policy.syncServerUrl.value ?? 'None: records stay on this laptop only'}{' '}
          <Locked value={policy.syncServerUrl} />
        </dd>
        <dt>Lock after no use for</dt>
        <dd>
          {policy.idleLockMinutes.value} minutes <Locked value={policy.idleLockMinutes} />
        </dd>
        <dt>After 5 wrong passwords at the lock screen</dt>
        <dd>
          {policy.unlockFailureAction.value === 'wipe'
            ? 'Delete the records on this laptop, then sign in again'
            : 'Sign in again with your username'}{' '}
          <Locked value={policy.unlockFailureAction} />
        </dd>
        <dt>Update channel</dt>
        <dd>
          {policy.updateChannel.value} <Locked value={policy.updateChannel} />
        </dd>
        <dt>Update server</dt>
        <dd>
          {policy.updateUrl.value ?? 'None'} <Locked value={policy.updateUrl} />
        </dd>
        <dt>Updates</dt>
        <dd>{describeUpdate(update)}</dd>
      </dl>
    </section>
  );
}
