import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/load-commands.js';
import { CATALOGS, LOCALES, placeholdersOf, resolveLocale, translator, type Message } from '../../src/ui/i18n.js';
import { assetTypeName } from '../../src/ui/inventory-view.js';
import { SETTING_LABELS } from '../../src/ui/setting-labels.js';
import { strings, type MessageKey } from '../../src/ui/strings.js';
import { validateDiscordPayload } from '../helpers/discord-openapi.js';
import { ROOT } from '../helpers/world.js';

/**
 * The catalog's rules: every key in every shipped language with the same placeholders, no entry unused, Discord's
 * limits in every language, and the registered commands carrying every language (checked against Discord's OpenAPI).
 */

const KEYS = Object.keys(strings) as MessageKey[];
const TRANSLATIONS = LOCALES.filter((locale) => locale !== 'en-US');
const chars = (text: string) => [...text].length;
const forms = (message: Message) => (typeof message === 'string' ? [message] : [message.one, message.other]);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.ts$/.test(entry) ? [path] : [];
	});
}

/**
 * Where Discord limits a text's length, and the keys that end up there (measured as written, placeholders included:
 * what they are filled with is short, or cut by the embed fitting). Every other sentence is message content (2000).
 */
const FIELD_NAMES = new Set<MessageKey>([
	...Object.values(SETTING_LABELS),
	'importAdded',
	'importChanged',
	'importRemoved',
	'importUnmappable',
	'bulkLatestFailures',
	'bulkRetries',
]);
const PLACES: { where: string; max: number; has: (key: MessageKey) => boolean }[] = [
	{ where: 'modal title', max: 45, has: (key) => key === 'verifyUsernameModalTitle' },
	{ where: 'text input label', max: 45, has: (key) => key === 'verifyUsernameInputLabel' },
	{ where: 'button label', max: 80, has: (key) => key.endsWith('Label') },
	{ where: 'embed title', max: 256, has: (key) => /Title$|^audit[A-Z][a-z]+[A-Z]?[a-z]*$/.test(key) },
	{ where: 'embed field name', max: 256, has: (key) => FIELD_NAMES.has(key) },
	// Field names and short labels of the progress embed stay short enough to sit side by side.
	{ where: 'progress field name', max: 48, has: (key) => /^bulk(Changed|Failed|NotLinked|TimeLeft)$/.test(key) },
	{ where: 'embed footer', max: 2048, has: (key) => /Footer|^pagerPage/.test(key) },
	// Discord's audit-log reason (X-Audit-Log-Reason) is `editReason` around one trigger.
	{ where: 'audit-log reason', max: 512 - 64, has: (key) => key === 'editReason' || key.startsWith('trigger') },
	{ where: 'message content', max: 2000, has: (key) => !key.startsWith('command.') },
];

/** Every InventoryItemAssetType value in Roblox's OpenAPI description (the copy in test/fixtures/roblox/). */
function robloxAssetTypes(): string[] {
	const spec = JSON.parse(
		readFileSync(join(ROOT, 'test/fixtures/roblox/subset.bot-endpoints.openapi.json'), 'utf8'),
	) as unknown;
	const found = new Set<string>();
	const walk = (node: unknown): void => {
		if (Array.isArray(node)) return node.forEach(walk);
		if (typeof node !== 'object' || node === null) return;
		for (const [key, value] of Object.entries(node)) {
			if (key === 'enum' && Array.isArray(value) && value.includes('CLASSIC_TSHIRT'))
				value.forEach((v) => found.add(String(v)));
			else walk(value);
		}
	};
	walk(spec);
	return [...found];
}

const commandsJson = async () => [...(await loadCommands()).values()].map((command) => command.data.toJSON());

describe('message catalog', () => {
	it.each(TRANSLATIONS)('%s has every key, with the same placeholders and forms', (locale) => {
		const catalog = CATALOGS[locale];
		const missing = KEYS.filter((key) => catalog[key] === undefined);
		expect(missing, `src/ui/locales/${locale}.ts lacks these keys (README "Languages")`).toEqual([]);
		const extra = Object.keys(catalog).filter((key) => !Object.hasOwn(strings, key));
		expect(extra, `src/ui/locales/${locale}.ts has keys the English catalog does not`).toEqual([]);
		for (const key of KEYS) {
			const message = catalog[key] as Message;
			expect(typeof message, `${locale} ${key}: plural or not, like English`).toBe(typeof strings[key]);
			expect(placeholdersOf(message), `${locale} ${key}: placeholders`).toEqual(placeholdersOf(strings[key]));
			for (const form of forms(message)) expect(form.trim(), `${locale} ${key} is empty`).not.toBe('');
		}
	});

	it('uses every entry somewhere in the code (command keys through the registered commands)', async () => {
		const code = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'commands'))]
			.filter((file) => !file.includes('/src/ui/locales/') && !file.endsWith('/src/ui/strings.ts'))
			.map((file) => readFileSync(file, 'utf8'))
			.join('\n');
		const used = new Set<string>();
		const walk = (node: any, path: string) => {
			used.add(`command.${path}.name`).add(`command.${path}.description`);
			for (const choice of node.choices ?? []) used.add(`command.${path}.choice.${choice.value}`);
			for (const option of node.options ?? []) walk(option, `${path}.${option.name}`);
		};
		for (const command of await commandsJson()) walk(command, command.name);
		const unused = KEYS.filter((key) => (key.startsWith('command.') ? !used.has(key) : !code.includes(`'${key}'`)));
		expect(unused, 'catalog entries nothing uses: remove them').toEqual([]);
	});

	it('keeps Discord limits in every language, wherever each key is shown', () => {
		for (const place of PLACES) expect(KEYS.some(place.has), `${place.where}: no key matches`).toBe(true);
		for (const locale of LOCALES)
			for (const key of KEYS)
				for (const form of forms(CATALOGS[locale][key] as Message))
					for (const place of PLACES.filter((p) => p.has(key)))
						expect(chars(form), `${locale} ${key} (${place.where})`).toBeLessThanOrEqual(place.max);
	});

	it('names every Roblox asset type in every language', () => {
		const types = robloxAssetTypes();
		expect(types.length).toBeGreaterThan(50);
		for (const locale of LOCALES) {
			const t = translator(locale);
			const item = t('assetTypeUnspecified');
			for (const type of types.filter((type) => type !== 'INVENTORY_ITEM_ASSET_TYPE_UNSPECIFIED'))
				expect(assetTypeName(type, t), `${locale} ${type}`).not.toBe(item);
		}
	});

	it("names commands in each language's sentences by that language's command names", async () => {
		const commands = await commandsJson();
		for (const locale of LOCALES) {
			const names = new Set<string>();
			const collect = (node: any) => {
				names.add(node.name_localizations?.[locale] ?? node.name);
				for (const option of node.options ?? []) collect(option);
			};
			commands.forEach(collect);
			for (const key of KEYS) {
				if (key.startsWith('command.') || key.startsWith('trigger')) continue;
				for (const form of forms(CATALOGS[locale][key] as Message)) {
					// "/bind list", "`/verify username:<…>`": every word after a slash must be a command, subcommand or option.
					for (const match of form.matchAll(/(?<![\w/.])\/([\p{Ll}-]+)((?: [\p{Ll}-]+)?)(?: ([\p{Ll}-]+):)?/gu)) {
						const [whole, command, sub, option] = match;
						expect(names.has(command!), `${locale} ${key}: ${whole} names no /${command}`).toBe(true);
						if (sub?.trim() && /`/.test(form)) expect(names.has(sub.trim()), `${locale} ${key}: ${whole}`).toBe(true);
						if (option) expect(names.has(option), `${locale} ${key}: ${whole}`).toBe(true);
					}
				}
			}
		}
	});
});

describe('translator', () => {
	it('picks the language, an alias, the same language, or English', () => {
		expect(resolveLocale('pt-BR')).toBe('pt-BR');
		expect(resolveLocale('es-ES')).toBe('es-ES');
		expect(resolveLocale('es-419')).toBe('es-ES');
		expect(resolveLocale('en-GB')).toBe('en-US');
		expect(resolveLocale('fr')).toBe('en-US');
		expect(resolveLocale('xx-YY')).toBe('en-US');
		expect(resolveLocale(undefined)).toBe('en-US');
	});

	it('fills named placeholders, picks plural forms per language and words nested texts', () => {
		expect(translator('en-US')('tooFast', { count: 1 })).toBe('You are doing that too often. Try again in 1 second.');
		expect(translator('en-US')('tooFast', { count: 3 })).toContain('3 seconds');
		// Portuguese counts 0 as singular; Spanish uses "many" for millions, which falls back to `other`.
		expect(translator('pt-BR')('lookupMoreBindings', { count: 0 })).toBe('…e mais 0 regra');
		expect(translator('es-ES')('lookupMoreBindings', { count: 1_000_000 })).toBe('…y 1000000 reglas más');
		expect(
			translator('pt-BR')('roleDangerous', {
				roleId: '1',
				permissions: [
					{ key: 'permAdministrator', params: {} },
					{ key: 'permManageRoles', params: {} },
				],
			}),
		).toContain('(Administrador, Gerenciar cargos)');
	});

	it('falls back to English key by key when a language lacks one', () => {
		const pt = CATALOGS['pt-BR'] as Record<string, unknown>;
		const saved = pt.settingsSaved;
		delete pt.settingsSaved;
		try {
			expect(translator('pt-BR')('settingsSaved')).toBe('Settings saved.');
			expect(translator('pt-BR')('settingsTitle')).toBe('Configurações do Rolink');
		} finally {
			pt.settingsSaved = saved;
		}
	});
});

describe('registered commands', () => {
	it('carry every shipped language and pass Discord’s limits', async () => {
		const commands = await commandsJson();
		expect(validateDiscordPayload('application-commands-bulk', commands)).toEqual([]);
		const nodes: any[] = [];
		const walk = (node: any) => {
			nodes.push(node);
			for (const option of node.options ?? []) walk(option);
		};
		commands.forEach(walk);
		for (const node of nodes) {
			for (const locale of ['pt-BR', 'es-ES', 'es-419']) {
				const name = node.name_localizations?.[locale];
				const description = node.description_localizations?.[locale];
				expect(name, `${node.name} ${locale} name`).toMatch(/^[-_'\p{L}\p{N}]{1,32}$/u);
				expect(name).toBe(name.toLowerCase());
				expect(chars(description), `${node.name} ${locale} description`).toBeGreaterThan(0);
				expect(chars(description), `${node.name} ${locale} description`).toBeLessThanOrEqual(100);
				for (const choice of node.choices ?? []) {
					const choiceName = chars(choice.name_localizations?.[locale] ?? '');
					expect(choiceName, `${node.name} choice`).toBeGreaterThan(0);
					expect(choiceName, `${node.name} choice ${choice.value}`).toBeLessThanOrEqual(100);
				}
			}
		}
		// Within one command, siblings keep distinct names in every language (Discord refuses duplicates).
		const siblings = (list: any[], locale: string) => list.map((o) => o.name_localizations?.[locale] ?? o.name);
		for (const node of [{ options: commands }, ...nodes])
			for (const locale of ['pt-BR', 'es-ES']) {
				const names = siblings(node.options ?? [], locale);
				expect(new Set(names).size, names.join(', ')).toBe(names.length);
			}
	});
});
