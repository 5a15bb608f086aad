import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The CLI's source entry, and the bundle test/global-setup.ts builds from it before the tests. */
export const CLI_ENTRY = 'src/cli/main.ts';
export const CLI_BUNDLE = '.test-build/cli/main.mjs';
