import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ */
export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The project root whose dist/ is run: this checkout, or PLANGRAPH_ROOT (another built tree, e.g. a branch). */
export const ROOT = process.env.PLANGRAPH_ROOT ? resolve(process.env.PLANGRAPH_ROOT) : join(BENCH, '..');
