import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { FakeDiscord, FakeGuild } from '../fakes/discord/index.js';

export const GUILD_ID = '900000000000000001';
export const OWNER_ID = '900000000000000002';
export const ALICE = '900000000000000010';
export const BOB = '900000000000000011';
export const MOD = '900000000000000012';
export const ROLE_LOW = '900000000000000101';
export const ROLE_MID = '900000000000000102';
export const ROLE_HIGH = '900000000000000103';
export const ROLE_MOD = '900000000000000104';
export const ROLE_MANAGED = '900000000000000105';

export function makeClient(
	fake: FakeDiscord,
	intents: number[] = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
): Client {
	return new Client({ intents, rest: { api: fake.apiUrl, retries: 3, timeout: 5000 } });
}

export async function loginReady(client: Client, token: string): Promise<void> {
	const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
	await client.login(token);
	await ready;
}

/** A guild with roles below (10, 20) and above (200) the bot role (position 100), a moderator role and a managed role. */
export function seedGuild(fake: FakeDiscord): FakeGuild {
	const g = fake.addGuild({ id: GUILD_ID, ownerId: OWNER_ID, name: 'Rolink Test' });
	g.addRole({ id: ROLE_LOW, name: 'Low', position: 10 });
	g.addRole({ id: ROLE_MID, name: 'Mid', position: 20 });
	g.addRole({ id: ROLE_HIGH, name: 'High', position: 200 });
	g.addRole({ id: ROLE_MOD, name: 'Mod', position: 30, permissions: 1n << 5n });
	g.addRole({ id: ROLE_MANAGED, name: 'Booster', position: 5, managed: true });
	g.addMember({ userId: ALICE, username: 'alice' });
	g.addMember({ userId: BOB, username: 'bob', roleIds: [ROLE_LOW], nick: 'Bobby' });
	g.addMember({ userId: MOD, username: 'mod', roleIds: [ROLE_MOD] });
	return g;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
