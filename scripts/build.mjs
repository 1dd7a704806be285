// Compiles src/ and commands/ to dist/ when dist/ is missing or older than any source (run before npm start, doctor,
// deploy-commands, bench and the test suite), so `npm install && npm start` stays two words. Fresh: does nothing.
// A rebuild starts from an empty dist/, so a deleted command can't linger there and still be loaded.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist', '.built');
const SOURCES = ['src', 'commands', 'bench/bot-child.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs; // a deleted or renamed file changes its folder's mtime
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const force = process.argv.includes('--force');
const builtAt = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
if (force || builtAt === 0 || sourcesAt > builtAt) {
	console.error(builtAt === 0 ? 'Compiling to dist/ (first start)…' : 'Compiling to dist/ (sources changed)…');
	rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
	try {
		execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
			cwd: ROOT,
			stdio: 'inherit',
		});
	} catch {
		console.error('The TypeScript build failed (errors above), so there is nothing to start.');
		process.exit(1);
	}
	// Files the code reads beside itself at run time (e.g. src/backup/settings-export.schema.json): tsc copies only
	// what it compiles.
	for (const dir of ['src', 'commands'])
		cpSync(join(ROOT, dir), join(ROOT, 'dist', dir), {
			recursive: true,
			filter: (from) => statSync(from).isDirectory() || !from.endsWith('.ts'),
		});
	writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
