import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/bot/load-commands.js';
import { CATALOGS, LOCALES, placeholdersOf, resolveLocale, translator, type Message } from '../../src/ui/i18n.js';
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

	it('keeps Discord limits in every language: labels 80, titles 256, the one nickname-free sentence rule', () => {
		for (const locale of LOCALES) {
			for (const key of KEYS) {
				const message = CATALOGS[locale][key] as Message;
				for (const form of forms(message)) {
					if (key.endsWith('Label')) expect(chars(form), `${locale} ${key}`).toBeLessThanOrEqual(80);
					if (/Title|^audit[A-Z][a-z]+[A-Z]?[a-z]*$/.test(key))
						expect(chars(form), `${locale} ${key}`).toBeLessThanOrEqual(256);
					// Field names and short labels of the progress embed stay short enough to sit side by side.
					if (/^bulk(Changed|Failed|NotLinked|TimeLeft)$/.test(key))
						expect(chars(form), `${locale} ${key}`).toBeLessThanOrEqual(48);
				}
			}
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
				for (const choice of node.choices ?? [])
					expect(chars(choice.name_localizations?.[locale] ?? ''), `${node.name} choice`).toBeGreaterThan(0);
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
