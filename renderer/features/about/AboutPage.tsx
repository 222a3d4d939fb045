import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/bridge.ts';
import { useBridge } from '../../bridge/bridge-context.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';

/** Version and host information, for support calls. */
export function AboutPage() {
  usePageTitle('About this app');
  const bridge = useBridge();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.appInfo().then((value) => {
      if (live) setInfo(value);
    });
    return () => {
      live = false;
    };
  }, [bridge]);
  return (
    <>
      <h1>About this app</h1>
      {info ? (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Running as</dt>
          <dd>{info.host === 'electron' ? 'Desktop app' : 'Browser version'}</dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
        </dl>
      ) : (
        <p>Loading…</p>
      )}
    </>
  );
}
