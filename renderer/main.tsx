import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { resolveBridge } from './bridge/resolve-bridge.ts';
import { BridgeProvider } from './bridge/bridge-context.tsx';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('Waymark: the page has no #root element to render into.');

createRoot(container).render(
  <StrictMode>
    <BridgeProvider bridge={resolveBridge()}>
      <App />
    </BridgeProvider>
  </StrictMode>,
);
