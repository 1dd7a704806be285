/**
 * Before any test file: compile dist/ when missing or stale (the same step as `npm start`'s prestart), once, so the
 * tests that start the bot as a process run the compiled JavaScript a user runs, and no two workers build at once.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
	execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], {
		stdio: 'inherit',
	});
}
