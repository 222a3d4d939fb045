/**
 * Renders the team view on its own, with the providers it needs and hash routing under `/team`: for the
 * store harness used by the browser tests (test/harness) until the app's router wires `/team`.
 */
import { createElement, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Route, Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { WaymarkBridge } from '../../../shared/bridge.ts';
import { BridgeProvider } from '../../bridge/bridge-context.tsx';
import type { RecordStore } from '../../db/record-store.ts';
import { RecordStoreProvider } from '../../db/store-context.tsx';
import type { Session } from '../../sync/session.ts';
import { SessionProvider } from '../../sync/session-context.tsx';
import { TeamPage } from './TeamPage.tsx';
import { TeamTodayProvider } from './team-today.tsx';

export interface StandaloneTeamDeps {
  readonly bridge: WaymarkBridge;
  readonly store: RecordStore;
  readonly session: Session;
  readonly today: () => string;
}

export function renderTeamPageStandalone(container: HTMLElement, deps: StandaloneTeamDeps): Root {
  const team = createElement(Route, { path: '/team', nest: true, children: createElement(TeamPage) });
  const main = createElement('main', { id: 'main', className: 'main', tabIndex: -1 }, team);
  const routed = createElement(Router, { hook: useHashLocation, children: main });
  const dated = createElement(TeamTodayProvider, { today: deps.today, children: routed });
  const withSession = createElement(SessionProvider, { session: deps.session, children: dated });
  const withStore = createElement(RecordStoreProvider, { store: deps.store, children: withSession });
  const withBridge = createElement(BridgeProvider, { bridge: deps.bridge, children: withStore });
  const root = createRoot(container);
  root.render(createElement(StrictMode, null, withBridge));
  return root;
}
