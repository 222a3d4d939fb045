import { useOnlineStatus } from '../sync/use-online-status.ts';

/** A visible, announced online/offline indicator. Colour is never the only signal: the text says it. */
export function ConnectionIndicator() {
  const online = useOnlineStatus();
  return (
    <p className={`connection connection--${online ? 'online' : 'offline'}`} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      {online ? 'Online' : 'Offline — changes are saved on this laptop'}
    </p>
  );
}
