import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Command } from './command.js';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

function isCommand(value: unknown): value is Command {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Partial<Command>;
	return (
		typeof candidate.data === 'object' &&
		candidate.data !== null &&
		typeof candidate.data.name === 'string' &&
		typeof candidate.data.toJSON === 'function' &&
		typeof candidate.execute === 'function'
	);
}

/**
 * Imports every module in commands/ and checks its shape, so a broken command fails start-up with its file name
 * instead of failing the first person who runs it.
 */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, Command>> {
	const files = (await readdir(dir)).filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts')).sort();
	const commands = new Map<string, Command>();
	for (const file of files) {
		const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
		if (!isCommand(module.default))
			throw new Error(`commands/${file} must export default { data, execute } satisfies Command`);
		const command = module.default;
		if (commands.has(command.data.name))
			throw new Error(`commands/${file} reuses the command name /${command.data.name}`);
		commands.set(command.data.name, command);
	}
	return commands;
}
