/** The app's version, replaced at build time (electron.vite.config.ts). */
declare const __GIL_LAB_VERSION__: string;
