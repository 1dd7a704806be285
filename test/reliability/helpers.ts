import type { InteractionHandle, RecordedRequest } from '../fakes/discord/index.js';
import type { RunState } from '../../src/store/runs.js';
import { EPHEMERAL, textOf, type RunningBot, type World } from '../helpers/world.js';

/** Shared bits of the reliability suite. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until<T>(
	probe: () => T | undefined | null | false,
	timeoutMs = 10_000,
	what = 'condition',
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

export interface Answer {
	/** Every visible text of the message (content + embeds). */
	text: string;
	flags: number;
	ephemeral: boolean;
	/** How the answer was delivered. */
	via: 'reply' | 'edit' | 'followup';
}

const LOADING = 1 << 7;

/**
 * The answer a person finally sees for an interaction: an immediate reply (callback 4), the edited deferred reply
 * (callback 5), or an ephemeral follow-up (after deferUpdate, or after a public deferral was deleted).
 */
export async function answerOf(handle: InteractionHandle, timeoutMs = 8_000): Promise<Answer> {
	const callback = await handle.waitForCallback(timeoutMs);
	const fromMessage = (message: any, via: Answer['via']): Answer => {
		const flags = Number(message?.flags ?? 0);
		return { text: textOf(message), flags, ephemeral: (flags & EPHEMERAL) === EPHEMERAL, via };
	};
	if (callback.type === 4) {
		// A reply can still be followed by a follow-up; the reply is the answer.
		return fromMessage(callback.data, 'reply');
	}
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const candidate = await until(
			() => {
				if (handle.followUps.length > 0) return fromMessage(handle.followUps.at(-1), 'followup');
				if (callback.type === 5) {
					const original = handle.original();
					if (original && !((original.flags ?? 0) & LOADING)) return fromMessage(original, 'edit');
				}
				if (callback.type === 7) return fromMessage(callback.data, 'edit');
				return undefined;
			},
			Math.max(0, deadline - Date.now()),
			`the answer to interaction ${handle.id}`,
		);
		if (candidate.via === 'followup') return candidate;
		// An edited deferral may be a placeholder that is then deleted and replaced by an ephemeral follow-up
		// (a public deferral answered privately): give it a moment to settle.
		await sleep(150);
		if (handle.followUps.length > 0) return fromMessage(handle.followUps.at(-1), 'followup');
		const original = callback.type === 5 ? handle.original() : callback.data;
		if (original) return fromMessage(original, 'edit');
		if (Date.now() > deadline) throw new Error(`the answer to interaction ${handle.id} was deleted and never replaced`);
	}
}

/** "Something went wrong … error id `abcd1234`": the router's answer to a bug. */
export const UNEXPECTED = /Something went wrong|error id/i;

export const memberEdits = (world: World, since = 0): RecordedRequest[] =>
	world.discord.requests
		.slice(since)
		.filter(
			(r) =>
				r.path.startsWith(`/guilds/${world.guild.id}/members/`) &&
				['PATCH', 'PUT', 'DELETE'].includes(r.method) &&
				!r.path.endsWith('/@me'),
		);

export const inventoryRequests = (world: World, robloxId?: string) =>
	world.roblox.requests.filter(
		(r) => /\/inventory-items$/.test(r.path) && (robloxId === undefined || r.path.includes(`/users/${robloxId}/`)),
	);

/** Numbered snowflake-looking ids. */
export const discordIdOf = (base: string, i: number) => `${base}${String(i).padStart(5, '0')}`;

/**
 * The end state of a guild's bulk run: waits for the live run when there is one, else reads what it persisted (a run
 * over a handful of members can finish before the test gets to ask).
 */
export async function runResult(bot: RunningBot, guildId: string): Promise<RunState> {
	const live = await bot.app.ctx.bulk.wait(guildId);
	if (live) return live;
	const state = await bot.app.ctx.stores.runs.get(guildId);
	if (!state) throw new Error(`no bulk run recorded for guild ${guildId}`);
	return state;
}
