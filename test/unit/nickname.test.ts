import { describe, expect, it } from 'vitest';
import { nicknameTemplateProblem, renderNickname, smartName } from '../../src/roles/nickname.js';
import { en } from '../../src/ui/i18n.js';

const names = { robloxName: 'builder_bob', displayName: 'Bob', robloxId: '42', discordName: 'bobby' };

describe('nicknames', () => {
	it('expands every placeholder', () => {
		expect(renderNickname('{display-name} | {roblox-name} | {roblox-id}', names)).toBe('Bob | builder_bob | 42');
		expect(renderNickname('{discord-name} ({roblox-name})', names)).toBe('bobby (builder_bob)');
	});

	it('smart name falls back to the username when "Display (@name)" is over 32 characters', () => {
		expect(smartName('Bob', 'builder_bob')).toBe('Bob (@builder_bob)');
		expect(smartName('AVeryLongDisplayName', 'another_long_name20')).toBe('another_long_name20');
		expect(smartName('same', 'same')).toBe('same');
	});

	it.each([
		['', 'empty'],
		['{robux}', 'unknown placeholder'],
		['Member', 'no placeholder'],
		['{display-name} the great {roblox-name}', 'can expand'],
		['{discord-name}!!', 'can expand'],
	])('refuses %j (%s)', (template, reason) => {
		const problem = nicknameTemplateProblem(template);
		expect(problem && en.text(problem)).toContain(reason);
	});

	it.each(['{smart-name}', '{roblox-name}', '[{roblox-name}]', '{roblox-id} {roblox-name}'])(
		'accepts %j',
		(template) => {
			expect(nicknameTemplateProblem(template)).toBeNull();
		},
	);
});
