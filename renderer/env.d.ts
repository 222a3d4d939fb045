/** The app version, written in by the Vite build from package.json. */
declare const __WAYMARK_VERSION__: string;
