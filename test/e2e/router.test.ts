import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/load-commands.js';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';
import {
	ADMIN_ID,
	createWorld,
	EPHEMERAL,
	MEMBER_ID,
	startBot,
	type RunningBot,
	type World,
} from '../helpers/world.js';

describe('command definitions', () => {
	it("load, have unique names, and validate against Discord's OpenAPI description", async () => {
		const commands = await loadCommands();
		const body = [...commands.values()].map((command) => command.data.toJSON());
		expect(body.map((command) => command.name)).toEqual(
			expect.arrayContaining(['verify', 'unlink', 'update', 'update-all', 'bind', 'settings']),
		);
		expect(validateDiscordPayload('application-commands-bulk', body)).toEqual([]);
		for (const command of body) expect(command.contexts, command.name).toEqual([0]);
	});
});

describe('the interaction router', () => {
	let world: World;
	let bot: RunningBot;
	beforeEach(async () => {
		world = await createWorld();
		bot = await startBot(world);
	});
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	it('turns an unexpected error into an error id the user sees and the log has', async () => {
		bot.app.ctx.stores.guilds.get = () => Promise.reject(new TypeError('boom: something nobody expected'));
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'settings',
			subcommand: 'show',
		});
		const reply = await run.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		const id = /error id: `([0-9a-f]{8})`/.exec(reply.content)?.[1];
		expect(id, reply.content).toBeDefined();
		expect(reply.content).not.toContain('boom');
		const line = bot.logs.find((entry) => entry.includes(id!));
		expect(line).toBeDefined();
		expect(JSON.parse(line!)).toMatchObject({ level: 50, errorId: id, msg: 'interaction failed' });
		expect(line).toContain('boom: something nobody expected');
	});

	it('answers plainly when storage is down, and the process keeps serving', async () => {
		await bot.app.ctx.stores.close();
		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'someone' },
		});
		const reply = await run.waitForReply();
		expect(reply.content).toMatch(/cannot reach its database/);
		const again = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'unlink' });
		expect((await again.waitForReply()).content).toMatch(/cannot reach its database/);
	});

	it('answers commands used in DMs with a plain note', async () => {
		const run = world.discord.runCommand({ userId: MEMBER_ID, name: 'verify' });
		const callback = await run.waitForCallback();
		expect(callback.data.content).toMatch(/works inside a server/);
		expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
	});

	it('sends allowed_mentions that parse nothing, and payloads Discord accepts', async () => {
		const runs = [
			world.discord.runCommand({ guildId: world.guild.id, userId: ADMIN_ID, name: 'settings', subcommand: 'show' }),
			world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'unlink' }),
			world.discord.runCommand({
				guildId: world.guild.id,
				userId: MEMBER_ID,
				name: 'verify',
				options: { username: 'x' },
			}),
		];
		for (const run of runs) await run.waitForReply();
		await new Promise((resolve) => setTimeout(resolve, 50));
		const sent = world.discord.requests.filter(
			(r) => r.method !== 'GET' && r.body && typeof r.body === 'object' && ('content' in r.body || 'data' in r.body),
		);
		expect(sent.length).toBeGreaterThanOrEqual(3);
		for (const request of sent) {
			const message = request.path.endsWith('/callback') ? request.body.data : request.body;
			if (!message || request.body.type === 5) continue;
			expect(message.allowed_mentions?.parse, request.path).toEqual([]);
			const kind = request.path.endsWith('/callback')
				? 'interaction-callback'
				: request.method === 'PATCH'
					? 'webhook-message-edit'
					: 'webhook-execute';
			expect(
				validateDiscordPayload(kind, request.path.endsWith('/callback') ? request.body : message),
				request.path,
			).toEqual([]);
		}
	});
});
