/**
 * Development only: registers AG Grid's ValidationModule for every grid on the page, so a
 * misconfigured grid says what is wrong in words (in production AG Grid logs an error number
 * and a link). About 30 KB gzipped that the embed bundle and `policy-matrix/define` never
 * load: nothing in the library imports this module.
 *
 * Imported by the app's development pages (src/app/main.ts, compare.html) and by the component
 * tests (web-test-runner.config.mjs). An application may import it in its own development
 * build: `if (import.meta.env.DEV) await import('policy-matrix/dev/grid-validation');` (Vite).
 * It must share the application's copy of ag-grid-community (one AG Grid on the page).
 */
import { ModuleRegistry, ValidationModule } from 'ag-grid-community';

ModuleRegistry.registerModules([ValidationModule]);
