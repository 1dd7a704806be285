import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import {
	ADMIN_ID,
	createWorld,
	GUILD_ID,
	MEMBER_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';

const ROBLOX_ID = '6680001';
const BADGE = '2124777';

describe('bindings stored before binding kinds lived in one table', () => {
	let world: World;
	let bot: RunningBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		await world?.close();
	});

	it('still grant and remove roles, and read in /bind list', async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'old_timer' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: BADGE });
		// Exactly the row the previous version wrote (flat, `itemId` optional, a stray one on the collectible).
		const raw = new Keyv({ store: new KeyvSqlite(world.databaseUrl), namespace: 'guilds' });
		await raw.set(GUILD_ID, {
			settings: { autoVerify: true },
			bindings: [
				{
					id: 'old001',
					kind: 'badge',
					itemId: BADGE,
					itemName: 'Old Badge',
					roleId: world.roles.badge.id,
					addedBy: '1',
					addedAt: '2025-01-01T00:00:00.000Z',
				},
				{
					id: 'old002',
					kind: 'collectible',
					itemId: '5',
					roleId: world.roles.pass.id,
					addedBy: '1',
					addedAt: '2025-01-01T00:00:00.000Z',
				},
			],
		});
		await raw.disconnect();
		bot = await startBot(world);
		await bot.app.ctx.stores.links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'old_timer',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		const update = async () =>
			textOf(await world.discord.runCommand({ guildId: GUILD_ID, userId: MEMBER_ID, name: 'update' }).waitForReply());
		await update();
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);
		world.roblox.removeItem(ROBLOX_ID, 'badge', BADGE);
		await update();
		expect(world.guild.member(MEMBER_ID)!.roleIds).not.toContain(world.roles.badge.id);
		const list = textOf(
			await world.discord
				.runCommand({ guildId: GUILD_ID, userId: ADMIN_ID, name: 'bind', subcommand: 'list' })
				.waitForReply(),
		);
		expect(list).toMatch(/`old001` badge 2124777 "Old Badge"/);
		expect(list).toMatch(/`old002` any collectible/);
	});
});
