// Linted as shared/bad.ts: shared/ imports nothing from the other folders.
import { App } from '../renderer/app/App.tsx';

export const app = App;
