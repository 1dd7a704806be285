/** validateDiscordPayload: one valid and at least one invalid body per kind, checked against Discord's openapi.json. */
import { ButtonStyle, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';

const button = { type: 1, components: [{ type: 2, style: ButtonStyle.Primary, label: 'Next', custom_id: 'page:2' }] };

describe('validateDiscordPayload', () => {
	test('application-commands-bulk', () => {
		const good = [
			new SlashCommandBuilder()
				.setName('verify')
				.setDescription('Link your Roblox account')
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
				.addStringOption((o) =>
					o.setName('username').setDescription('Roblox username').setRequired(true).setMaxLength(20),
				)
				.toJSON(),
		];
		expect(good[0]!.default_member_permissions).toBe('268435456'); // a string, accepted for the int64-sized integer
		expect(validateDiscordPayload('application-commands-bulk', good)).toEqual([]);
		// the builders refuse bad names themselves, so the bad ones are built by hand
		expect(
			validateDiscordPayload('application-commands-bulk', [{ name: 'Verify', description: 'Link' }]).join(),
		).toMatch(/lower case/);
		expect(
			validateDiscordPayload('application-commands-bulk', [{ name: 'has space', description: 'Link' }]).join(),
		).toMatch(/name pattern/);
		expect(
			validateDiscordPayload('application-commands-bulk', [{ name: 'x'.repeat(33), description: 'Link' }]).join(),
		).toMatch(/longer than 32/);
		expect(
			validateDiscordPayload('application-commands-bulk', [
				{ name: 'ok', description: 'd', options: [{ type: 3, name: 'BadOpt', description: 'd' }] },
			]).join(),
		).toMatch(/options\[0\]\.name.*lower case/);
		expect(
			validateDiscordPayload('application-commands-bulk', [
				{ name: 'ok', description: 'd', options: [{ type: 3, name: 'opt' }] },
			]).join(),
		).toMatch(/description: required/);
		expect(validateDiscordPayload('application-commands-bulk', { name: 'ok' }).join()).toMatch(/expected array/);
	});

	test('interaction-callback', () => {
		expect(
			validateDiscordPayload('interaction-callback', {
				type: 4,
				data: { content: 'hi', flags: 64, components: [button] },
			}),
		).toEqual([]);
		expect(validateDiscordPayload('interaction-callback', { type: 5 })).toEqual([]);
		expect(
			validateDiscordPayload('interaction-callback', { type: 7, data: { content: 'page 2', components: [] } }),
		).toEqual([]);
		expect(
			validateDiscordPayload('interaction-callback', { type: 4, data: { content: 'x'.repeat(2001) } }),
		).not.toEqual([]);
		expect(validateDiscordPayload('interaction-callback', { type: 42 })).not.toEqual([]);
		expect(validateDiscordPayload('interaction-callback', { data: { content: 'no type' } })).not.toEqual([]);
	});

	test('webhook-message-edit', () => {
		expect(
			validateDiscordPayload('webhook-message-edit', {
				content: 'done',
				embeds: [{ title: 'T', description: 'D', color: 0x57f287, fields: [{ name: 'a', value: 'b', inline: true }] }],
			}),
		).toEqual([]);
		const bad = validateDiscordPayload('webhook-message-edit', { embeds: [{ title: 'x'.repeat(257) }] });
		expect(bad.join()).toMatch(/\$\.embeds\[0\]\.title: longer than 256/);
		expect(validateDiscordPayload('webhook-message-edit', { embeds: [{ color: 0x1000000 }] }).join()).toMatch(
			/above maximum/,
		);
		expect(
			validateDiscordPayload('webhook-message-edit', {
				embeds: Array.from({ length: 11 }, () => ({ title: 't' })),
			}).join(),
		).toMatch(/more than 10 items/);
	});

	test('webhook-execute', () => {
		expect(validateDiscordPayload('webhook-execute', { content: 'follow-up', flags: 64 })).toEqual([]);
		expect(validateDiscordPayload('webhook-execute', { content: 12 })).not.toEqual([]);
	});

	test('channel-message-create', () => {
		expect(validateDiscordPayload('channel-message-create', { content: 'page 1', components: [button] })).toEqual([]);
		const tooMany = {
			type: 1,
			components: Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 1, label: `b${i}`, custom_id: `b${i}` })),
		};
		expect(validateDiscordPayload('channel-message-create', { components: [tooMany] }).join()).toMatch(
			/more than 5 items|none of/,
		);
		expect(
			validateDiscordPayload('channel-message-create', { content: 'x', embeds: [{ title: 'x'.repeat(300) }] }).join(),
		).toMatch(/longer than 256/);
	});

	test('guild-member-modify', () => {
		expect(
			validateDiscordPayload('guild-member-modify', { roles: ['900000000000000101'], nick: 'Builderman' }),
		).toEqual([]);
		expect(validateDiscordPayload('guild-member-modify', { nick: null })).toEqual([]);
		expect(validateDiscordPayload('guild-member-modify', { nick: 'x'.repeat(33) }).join()).toMatch(/longer than 32/);
		expect(validateDiscordPayload('guild-member-modify', { roles: ['not-a-snowflake'] }).join()).toMatch(
			/none of|does not match/,
		);
		expect(validateDiscordPayload('guild-member-modify', { roles: ['1', '1'] }).join()).toMatch(/not unique/);
	});
});
