import {
	PermissionFlagsBits,
	REST,
	Routes,
	type APIGuild,
	type APIGuildMember,
	type APIRole,
	type APIUser,
} from 'discord.js';
import { ConfigError, loadDotEnv, parseConfig, type Config } from './config.js';
import { createRobloxClient } from './roblox/index.js';

/**
 * `npm run doctor`: checks what most often breaks a verification bot, without starting it: the configuration, the
 * Discord token, the privileged intent, the Roblox key and its permissions, and in each server whether Rolink has
 * Manage Roles and where its highest role sits. Prints a readable report; exits 1 when something must be fixed.
 */

type Line = { ok: boolean | 'warn'; text: string };
const mark = (ok: Line['ok']) => (ok === true ? 'ok  ' : ok === 'warn' ? 'warn' : 'FAIL');

const GUILD_MEMBERS_INTENT_FLAGS = (1 << 14) | (1 << 15); // GATEWAY_GUILD_MEMBERS and its limited variant

export async function runDoctor(config: Config): Promise<Line[]> {
	const lines: Line[] = [{ ok: true, text: 'Configuration parsed' }];
	const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
	try {
		const me = (await rest.get(Routes.user('@me'))) as APIUser;
		lines.push({ ok: true, text: `Discord token works: logged in as ${me.username} (${me.id})` });
		const app = (await rest.get(Routes.currentApplication())) as { flags?: number };
		const hasIntent = ((app.flags ?? 0) & GUILD_MEMBERS_INTENT_FLAGS) !== 0;
		lines.push({
			ok: hasIntent ? true : 'warn',
			text: hasIntent
				? 'Server Members intent is on'
				: 'Server Members intent looks off: Developer Portal → Bot → Privileged Gateway Intents → Server Members Intent',
		});
		const guilds = (await rest.get(Routes.userGuilds())) as { id: string; name: string }[];
		if (!guilds.length)
			lines.push({ ok: 'warn', text: 'Rolink is in no server yet: invite it with the URL from the README' });
		for (const { id, name } of guilds.slice(0, 25)) lines.push(...(await checkGuild(rest, id, name, me.id)));
	} catch (error) {
		const status = (error as { status?: number }).status;
		lines.push({
			ok: false,
			text:
				status === 401
					? 'Discord rejected DISCORD_TOKEN (401): reset it in the Developer Portal'
					: `Discord check failed: ${(error as Error).message}`,
		});
	}

	const roblox = createRobloxClient({
		apiKey: config.robloxApiKey,
		openCloudUrl: config.robloxOpenCloudUrl,
		usersUrl: config.robloxUsersUrl,
		badgesUrl: config.robloxBadgesUrl,
		thumbnailsUrl: config.robloxThumbnailsUrl,
		retries: { max: 1 },
	});
	try {
		const key = await roblox.introspectApiKey();
		lines.push({
			ok: key.enabled && !key.expired,
			text: `Roblox API key "${key.name}": ${key.enabled ? 'enabled' : 'DISABLED'}${key.expired ? ', EXPIRED' : ''}`,
		});
		const scopes = key.scopes.map((scope) => scope.name);
		for (const needed of ['user.inventory-item', 'user']) {
			const has = scopes.some(
				(scope) => scope === needed || scope.startsWith(`${needed}:`) || scope.startsWith(`${needed}.`),
			);
			lines.push({
				ok: has ? true : 'warn',
				text: has
					? `Roblox key has ${needed} access`
					: `Roblox key may lack ${needed} read access (create.roblox.com → Credentials → edit the key)`,
			});
		}
	} catch (error) {
		lines.push({ ok: false, text: `Roblox API key check failed: ${(error as Error).message}` });
	} finally {
		await roblox.close();
	}
	return lines;
}

async function checkGuild(rest: REST, guildId: string, name: string, botId: string): Promise<Line[]> {
	const guild = (await rest.get(Routes.guild(guildId))) as APIGuild;
	const member = (await rest.get(Routes.guildMember(guildId, botId))) as APIGuildMember;
	const roles = new Map<string, APIRole>(guild.roles.map((role) => [role.id, role]));
	const mine = member.roles.map((id) => roles.get(id)).filter((role): role is APIRole => role !== undefined);
	const perms = mine.reduce(
		(acc, role) => acc | BigInt(role.permissions),
		BigInt(roles.get(guildId)?.permissions ?? '0'),
	);
	const admin = (perms & PermissionFlagsBits.Administrator) !== 0n;
	const manageRoles = admin || (perms & PermissionFlagsBits.ManageRoles) !== 0n;
	const highest = mine.reduce((top, role) => (role.position > top ? role.position : top), 0);
	const above = guild.roles.filter(
		(role) => role.position >= highest && role.id !== guildId && !mine.some((m) => m.id === role.id) && !role.managed,
	);
	const lines: Line[] = [
		{ ok: manageRoles, text: `[${name}] Manage Roles: ${manageRoles ? 'yes' : "NO: give it to Rolink's role"}` },
	];
	lines.push({
		ok: above.length === 0 ? true : 'warn',
		text: `[${name}] Rolink's highest role is at position ${highest} of ${guild.roles.length - 1}${above.length ? `; ${above.length} role(s) above it cannot be given (drag Rolink's role higher)` : ''}`,
	});
	return lines;
}

async function main() {
	let config: Config;
	try {
		loadDotEnv();
		config = parseConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`FAIL ${error.message}`);
			process.exit(1);
		}
		throw error;
	}
	const lines = await runDoctor(config);
	for (const line of lines) console.log(`${mark(line.ok)} ${line.text}`);
	process.exit(lines.some((line) => line.ok === false) ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
