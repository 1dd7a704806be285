import { execFileSync } from 'node:child_process';
import type { BotProcess } from '../helpers/world.js';

/**
 * A crash test must kill the process that does the work, and anything it started. spawnBot runs the bot as one node
 * process; killing the whole tree stays correct even if the start command ever gains a wrapper again.
 */
function descendants(pid: number): number[] {
	let out = '';
	try {
		out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
	} catch {
		return [];
	}
	const children = out
		.split('\n')
		.map((s) => Number(s.trim()))
		.filter((n) => Number.isInteger(n) && n > 0);
	return children.flatMap((child) => [...descendants(child), child]);
}

/** SIGKILL the bot and every process under it (deepest first), and wait for the wrapper to exit. */
export async function killTree(bot: BotProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
	if (!bot) return;
	const pid = bot.child.pid;
	if (pid !== undefined && bot.child.exitCode === null && bot.child.signalCode === null) {
		for (const child of descendants(pid)) {
			try {
				process.kill(child, signal);
			} catch {
				/* already gone */
			}
		}
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
	await bot.exited;
}

/** Pids of the processes that would be left behind if only the wrapper were killed. */
export const botWorkers = (bot: BotProcess): number[] =>
	bot.child.pid === undefined ? [] : descendants(bot.child.pid);

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
