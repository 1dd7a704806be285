import { CATALOGS, LOCALE_ALIASES, LOCALES, SOURCE_LOCALE, type Locale } from './i18n.js';
import { strings, type MessageKey } from './strings.js';

/**
 * Slash-command names, descriptions and choices from the catalog. A command node's path is its place in the command
 * (`bind`, `bind.add`, `bind.add.kind`); its English name and description are `command.<path>.name` / `.description`,
 * and every shipped language (and its Discord aliases, e.g. es-419) becomes `name_localizations` /
 * `description_localizations`. Discord shows each member the names in their client's language; interactions still
 * carry the English names, so handlers read options by those.
 */

type CommandPathOf<K> = K extends `command.${infer P}.description` ? P : never;
export type CommandPath = CommandPathOf<MessageKey>;
type ChoiceOf<K, P extends string> = K extends `command.${P}.choice.${infer V}` ? V : never;
export type ChoiceValue<P extends string> = ChoiceOf<MessageKey, P>;

/** `{ 'pt-BR': …, 'es-ES': …, 'es-419': … }` for a key, leaving out languages that lack it (Discord falls back). */
export function localizations(key: MessageKey): Record<string, string> {
	const out: Record<string, string> = {};
	for (const locale of LOCALES) {
		if (locale === SOURCE_LOCALE) continue;
		const value = CATALOGS[locale][key];
		if (typeof value !== 'string') continue;
		out[locale] = value;
		for (const [alias, target] of Object.entries<Locale>(LOCALE_ALIASES)) if (target === locale) out[alias] = value;
	}
	return out;
}

function english(key: string): string {
	if (!Object.hasOwn(strings, key)) throw new Error(`the catalog (src/ui/strings.ts) has no key ${key}`);
	const value = strings[key as MessageKey];
	if (typeof value !== 'string') throw new Error(`catalog key ${key} must be a plain string`);
	return value;
}

interface Localizable {
	setName(name: string): unknown;
	setNameLocalizations(localizations: Record<string, string>): unknown;
	setDescription(description: string): unknown;
	setDescriptionLocalizations(localizations: Record<string, string>): unknown;
}

/** Names and describes a command, subcommand or option from the catalog, in every shipped language. */
export function localized<B extends Localizable>(builder: B, path: CommandPath): B {
	const name = `command.${path}.name` as MessageKey;
	const description = `command.${path}.description` as MessageKey;
	builder.setName(english(name));
	builder.setNameLocalizations(localizations(name));
	builder.setDescription(english(description));
	builder.setDescriptionLocalizations(localizations(description));
	return builder;
}

/** Choices for an option, each named from `command.<path>.choice.<value>` in every shipped language. */
export function localizedChoices<P extends CommandPath, V extends ChoiceValue<P>>(path: P, values: readonly V[]) {
	return values.map((value) => {
		const key = `command.${path}.choice.${value}` as MessageKey;
		return { name: english(key), name_localizations: localizations(key), value: value };
	});
}
