import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGS, placeholdersOf, translator, type Message } from '../../src/ui/i18n.js';
import { strings, type MessageKey } from '../../src/ui/strings.js';
import { checkComponentLimits, checkEmbedLimits } from '../../src/ui/embed-limits.js';
import {
	ADMIN_ID,
	createWorld,
	EPHEMERAL,
	MEMBER_ID,
	MOD_ID,
	startBot,
	textOf,
	type RunningBot,
	type World,
} from '../helpers/world.js';

/**
 * Languages end to end, through the real discord.js client: the fake Discord sends `locale` (the member's) and
 * `guild_locale` / `preferred_locale` (the server's) as Discord does.
 */

const ROBLOX_ID = '5550001';
const pt = translator('pt-BR');
const es = translator('es-ES');

/** English sentence fragments (the text between placeholders, 16+ characters) that the given language does not share. */
function englishFragments(locale: 'pt-BR' | 'es-ES'): string[] {
	const forms = (m: Message | undefined) => (m === undefined ? [] : typeof m === 'string' ? [m] : [m.one, m.other]);
	const theirs = Object.values(CATALOGS[locale])
		.flatMap((m) => forms(m))
		.join('\n');
	return (Object.keys(strings) as MessageKey[])
		.filter((key) => !key.startsWith('command.'))
		.flatMap((key) => forms(strings[key]).flatMap((form) => form.split(/\{\{[\w-]+\}\}/)))
		.map((fragment) => fragment.trim())
		.filter((fragment) => fragment.length >= 16 && !theirs.includes(fragment));
}

function expectNoEnglish(text: string, locale: 'pt-BR' | 'es-ES') {
	const leaks = englishFragments(locale).filter((fragment) => text.includes(fragment));
	expect(leaks, text).toEqual([]);
}

function expectWithinLimits(message: any) {
	for (const embed of message.embeds ?? []) expect(checkEmbedLimits(embed)).toEqual([]);
	expect(checkComponentLimits(message.components ?? [])).toEqual([]);
}

describe('languages', () => {
	let world: World;
	let bot: RunningBot | undefined;
	afterEach(async () => {
		await bot?.stop();
		bot = undefined;
		await world?.close();
	});

	it('answers a member whose Discord is in Portuguese in Portuguese, all the way through /verify', async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'builder_bob', displayName: 'Bob', about: 'Gosto de trens' });
		world.roblox.addBadge({ id: '31337', name: 'Welcome' });
		world.roblox.giveItem(ROBLOX_ID, { kind: 'badge', id: '31337' });
		bot = await startBot(world);
		await bot.app.ctx.stores.guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: '31337',
			roleId: world.roles.badge.id,
			addedBy: ADMIN_ID,
		});
		const guildId = world.guild.id;
		const seen: string[] = [];

		// No username yet: told how to start, with the Portuguese command and option names.
		const bare = world.discord.runCommand({ guildId, userId: MEMBER_ID, name: 'verify', locale: 'pt-BR' });
		const needName = await bare.waitForReply();
		expect(needName.content).toBe(pt('verifyNeedUsername'));
		expect(needName.content).toContain('/verificar usuario:');
		seen.push(textOf(needName));

		// A bad username: the router's answer is in Portuguese too.
		const bad = world.discord.runCommand({
			guildId,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'a b' },
			locale: 'pt-BR',
		});
		const badReply = await bad.waitForReply();
		expect(badReply.content).toBe(pt('invalidUsername'));
		seen.push(textOf(badReply));

		const run = world.discord.runCommand({
			guildId,
			userId: MEMBER_ID,
			name: 'verify',
			options: { username: 'builder_bob' },
			locale: 'pt-BR',
		});
		const panel = await run.waitForReply((m) => (m.embeds?.length ?? 0) > 0);
		expect(panel.flags & EPHEMERAL).toBe(EPHEMERAL);
		const embed = panel.embeds[0];
		expect(embed.title).toBe('Bob (@builder_bob)');
		expect(embed.description).toContain('Vamos confirmar que **Bob** (@builder_bob) é você.');
		expect(embed.footer.text).toBe(pt('verifyFooter', { id: ROBLOX_ID }));
		const labels = panel.components[0].components.map((b: any) => b.label);
		expect(labels).toEqual([pt('verifyCheckLabel'), pt('verifyOpenProfileLabel')]);
		expectWithinLimits(panel);
		seen.push(textOf(panel), ...labels);
		const code = /```\n([a-z ]+)\n```/.exec(embed.description)![1]!;
		const checkId = panel.components[0].components[0].custom_id;

		// Check before the code is in the About: a Portuguese follow-up.
		const early = world.discord.pressButton({ guildId, userId: MEMBER_ID, customId: checkId, locale: 'pt-BR' });
		await early.waitForCallback();
		const notYet = await world.discord.waitForRequest(
			(r) => r.method === 'POST' && r.path.startsWith('/webhooks/') && /Sobre/.test(r.body?.content ?? ''),
		);
		expect(notYet.body.content).toMatch(/^O código ainda não está no Sobre/);
		seen.push(notYet.body.content);

		world.roblox.setAbout(ROBLOX_ID, `Gosto de trens\n${code}`);
		const press = world.discord.pressButton({ guildId, userId: MEMBER_ID, customId: checkId, locale: 'pt-BR' });
		const done = await press.waitForReply((m) => /vinculado/.test(m.content ?? ''));
		expect(done.content).toBe(
			[pt('verifyLinked', { name: 'builder_bob' }), pt('summaryAdded', { roles: `<@&${world.roles.badge.id}>` })].join(
				'\n',
			),
		);
		seen.push(done.content);
		expect(world.guild.member(MEMBER_ID)!.roleIds).toContain(world.roles.badge.id);

		for (const text of seen) expectNoEnglish(text, 'pt-BR');
		// The server itself is in English: Discord's audit-log reason for the role change is the server's language.
		expect(world.guild.auditLog.some((entry) => entry.reason === 'Rolink: account linked')).toBe(true);
	});

	it("posts /update-all progress in the server's preferred language (Spanish), and answers the admin in theirs", async () => {
		world = await createWorld();
		world.guild.preferredLocale = 'es-ES';
		const members = ['200000000000000001', '200000000000000002', '200000000000000003'];
		members.forEach((id, i) => {
			world.guild.addMember({ userId: id, username: `m${i}` });
			world.roblox.addUser({ id: String(8_000_000 + i), name: `player_${i}` });
		});
		bot = await startBot(world);
		for (const [i, id] of members.entries())
			await bot.app.ctx.stores.links.save({
				discordId: id,
				robloxId: String(8_000_000 + i),
				linkedAt: new Date().toISOString(),
				method: 'profile-code',
			});

		const run = world.discord.runCommand({
			guildId: world.guild.id,
			userId: ADMIN_ID,
			name: 'update-all',
			locale: 'en-US',
		});
		const reply = await run.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(reply.content).toMatch(/^Started\. Progress: /);
		const channel = world.guild.defaultChannelId;
		const first = await world.discord.waitForRequest(
			(r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`,
		);
		expect(first.body.content).toBe(es('bulkStarting'));
		const state = await bot.app.ctx.bulk.wait(world.guild.id);
		expect(state).toMatchObject({ status: 'done' });
		await world.discord.waitForRequest(
			(r) =>
				r.method === 'PATCH' &&
				r.path.startsWith(`/channels/${channel}/messages/`) &&
				r.body?.embeds?.[0]?.title === es('bulkTitleDone'),
		);
		const progress = world.guild.messages(channel).at(-1);
		const embed = progress.embeds[0];
		expect(embed.title).toBe('Actualización terminada');
		expect(embed.description).toBe(
			es('bulkProgress', {
				processed: state!.processed,
				total: state!.total,
				percent: Math.floor((state!.processed / state!.total) * 100),
			}),
		);
		expect(embed.fields.map((f: any) => f.name)).toEqual([
			'Con cambios',
			'Con errores',
			'Omitidos (sin vincular o pendientes)',
			'Tiempo restante',
		]);
		expect(embed.footer.text).toBe(es('bulkFooter', { runId: state!.runId }));
		expectWithinLimits(progress);
		expectNoEnglish(textOf(progress), 'es-ES');
	});

	it("shows a Portuguese moderator's /lookup with the group rule and every note in Portuguese", async () => {
		world = await createWorld();
		world.roblox.addUser({ id: ROBLOX_ID, name: 'clan_cat', displayName: 'Cat' });
		world.roblox.addGroup({
			id: '7001',
			name: 'Cat Clan',
			roles: [
				{ id: '70011', name: 'Member', rank: 1 },
				{ id: '70012', name: 'Officer', rank: 100 },
			],
		});
		world.roblox.setGroupRole('7001', ROBLOX_ID, '70012');
		bot = await startBot(world);
		const { guilds, links } = bot.app.ctx.stores;
		await links.save({
			discordId: MEMBER_ID,
			robloxId: ROBLOX_ID,
			robloxName: 'clan_cat',
			linkedAt: new Date().toISOString(),
			method: 'profile-code',
		});
		const group = { kind: 'group', groupId: '7001', groupName: 'Cat Clan', addedBy: ADMIN_ID } as const;
		await guilds.addBinding(world.guild.id, {
			...group,
			rule: { type: 'range', min: 50, max: 200 },
			roleId: world.roles.badge.id,
		});
		await guilds.addBinding(world.guild.id, { ...group, rule: { type: 'guest' }, roleId: world.roles.pass.id });
		// Give-only and not owned: the planner's note says why the role is left alone.
		await guilds.addBinding(world.guild.id, {
			kind: 'badge',
			itemId: '31337',
			roleId: world.roles.verified.id,
			addedBy: ADMIN_ID,
			giveOnly: true,
		});

		const reply = await world.discord
			.runCommand({
				guildId: world.guild.id,
				userId: MOD_ID,
				name: 'lookup',
				subcommand: 'member',
				options: { member: MEMBER_ID },
				locale: 'pt-BR',
			})
			.waitForReply();
		expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
		const text = textOf(reply);
		expect(text).toContain(
			'grupo 7001 "Cat Clan", patente 50–200 → ' +
				`<@&${world.roles.badge.id}>: ✅ tem (patente 100 "Officer") · ⚠️ sem o cargo (entra na próxima atualização)`,
		);
		expect(text).toContain(
			`grupo 7001 "Cat Clan", fora do grupo (visitante) → <@&${world.roles.pass.id}>: ❌ não tem (está no grupo)`,
		);
		expect(text).toContain(`emblema 31337 → <@&${world.roles.verified.id}>: ❔ não se sabe (só dar)`);
		expect(text).toContain(pt('lookupBindingsHeader'));
		expectWithinLimits(reply);
		expectNoEnglish(text, 'pt-BR');
		for (const english of ['rank', 'in the group', 'give-only', 'guest', 'owns']) expect(text).not.toContain(english);
	});

	it("answers a Spanish admin's settings import in Spanish: a bad file, and a preview with what cannot be mapped", async () => {
		world = await createWorld();
		bot = await startBot(world);
		const importFile = (content: unknown) =>
			world.discord
				.runCommand({
					guildId: world.guild.id,
					userId: ADMIN_ID,
					name: 'settings',
					subcommand: 'import',
					options: { file: world.discord.uploadAttachment('backup.json', JSON.stringify(content)) },
					locale: 'es-ES',
				})
				.waitForReply((m) => Boolean(m.content) || (m.embeds?.length ?? 0) > 0);
		const nowhere = { id: '123456789012345678', name: 'Nowhere' };

		const wrongVersion = await importFile({ version: 2, settings: {}, bindings: [] });
		expect(wrongVersion.flags & EPHEMERAL).toBe(EPHEMERAL);
		expect(wrongVersion.content).toBe(
			'Ese archivo no se puede importar: version: Rolink lee la versión 1 y este archivo dice 2. No se ha cambiado nada.',
		);
		const badId = await importFile({
			version: 1,
			settings: {},
			bindings: [{ kind: 'badge', itemId: '12x', role: nowhere }],
		});
		expect(badId.content).toBe(
			"Ese archivo no se puede importar: bindings[0].itemId: '12x' no es un ID de Roblox. No se ha cambiado nada.",
		);
		const badType = await importFile({ version: 1, settings: { autoVerify: 'sí' }, bindings: [] });
		expect(badType.content).toContain('settings.autoVerify: tiene que ser true o false.');
		for (const reply of [wrongVersion, badId, badType]) expectNoEnglish(reply.content, 'es-ES');
		expect(await bot.app.ctx.stores.guilds.get(world.guild.id)).toEqual({
			settings: { autoVerify: true },
			bindings: [],
		});

		const preview = await importFile({
			version: 1,
			settings: { autoVerify: false, minAccountAgeDays: 3 },
			bindings: [{ kind: 'badge', itemId: '55', role: nowhere }],
		});
		const text = textOf(preview);
		expect(preview.embeds[0].title).toBe(es('importPreviewTitle'));
		expect(text).toContain(
			"bindings[0] insignia 55 → 'Nowhere': ningún rol de aquí tiene el ID 123456789012345678 ni el nombre 'Nowhere'",
		);
		expect(text).toContain('Verificar al entrar: desactivado (antes: activado)');
		expect(text).toContain('Antigüedad mínima de la cuenta de Roblox: 3 días');
		expect(preview.components[0].components.map((b: any) => b.label)).toEqual([
			es('importApplyLabel'),
			es('importCancelLabel'),
		]);
		expectWithinLimits(preview);
		expectNoEnglish(text, 'es-ES');
	});

	it('falls back to English for a language Rolink does not ship', async () => {
		world = await createWorld();
		world.guild.preferredLocale = 'ja';
		bot = await startBot(world);
		const run = world.discord.runCommand({ guildId: world.guild.id, userId: MEMBER_ID, name: 'verify', locale: 'ja' });
		expect((await run.waitForReply()).content).toBe(
			'You are not linked yet. Run `/verify username:<your Roblox username>` to start.',
		);
		// Latin American Spanish reads the Spanish catalog.
		const latam = world.discord.runCommand({
			guildId: world.guild.id,
			userId: MEMBER_ID,
			name: 'unlink',
			locale: 'es-419',
		});
		expect((await latam.waitForReply()).content).toBe(es('notLinked'));
		expect(placeholdersOf(strings.notLinked)).toEqual([]);
	});
});
