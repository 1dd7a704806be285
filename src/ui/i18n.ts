import esES from './locales/es-ES.js';
import ptBR from './locales/pt-BR.js';
import { strings, type MessageKey, type Strings } from './strings.js';

/**
 * Looking up the catalog in a language. A typed catalog rather than a library: the compiler checks every key and
 * every placeholder at each call site, there is nothing to initialise, and the two things a library would add
 * (plural rules, fallback) are Intl.PluralRules and one spread. See README "Languages".
 */

export interface Plural {
	readonly one: string;
	readonly other: string;
}
export type Message = string | Plural;

/** A translation: the English keys, each optional (a missing one falls back to English, key by key). */
export type Translation = { readonly [K in MessageKey]?: Strings[K] extends string ? string : Plural };

/** Shipped languages, by Discord locale code. The first is the source and the fallback. */
export const LOCALES = ['en-US', 'pt-BR', 'es-ES'] as const;
export type Locale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: Locale = 'en-US';
export const CATALOGS: Readonly<Record<Locale, Translation>> = { 'en-US': strings, 'pt-BR': ptBR, 'es-ES': esES };

/**
 * Discord locales served by a shipped catalog of the same language that Discord has a separate code for: Latin
 * American Spanish reads the Spanish catalog (written in neutral Spanish for that reason), British English the
 * source. Used for replies and for command localizations alike.
 */
export const LOCALE_ALIASES: Readonly<Record<string, Locale>> = { 'es-419': 'es-ES', 'en-GB': 'en-US' };

/** The catalog for a Discord locale: exact, then an alias, then the same language, then English. */
export function resolveLocale(locale: string | null | undefined): Locale {
	if (!locale) return SOURCE_LOCALE;
	if (Object.hasOwn(CATALOGS, locale)) return locale as Locale;
	const alias = LOCALE_ALIASES[locale];
	if (alias) return alias;
	const language = locale.split('-')[0]!.toLowerCase();
	return LOCALES.find((known) => known.split('-')[0]!.toLowerCase() === language) ?? SOURCE_LOCALE;
}

/** The best shipped catalog for an HTTP Accept-Language header (`pt-BR,pt;q=0.9,en;q=0.8`), by preference order. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
	const tags = (header ?? '')
		.split(',')
		.map((part) => {
			const [tag = '', ...rest] = part.trim().split(';');
			const q = rest.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
			return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
		})
		.filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
		.sort((a, b) => b.q - a.q);
	for (const { tag } of tags) {
		const locale = resolveLocale(tag);
		// resolveLocale answers English for anything unknown: only take it when English was asked for.
		if (locale !== SOURCE_LOCALE || tag.toLowerCase().startsWith('en')) return locale;
	}
	return SOURCE_LOCALE;
}

type VarsOf<S> = S extends `${string}{{${infer V}}}${infer Rest}` ? V | VarsOf<Rest> : never;
type VarsOfMessage<M> = M extends string ? VarsOf<M> : M extends Plural ? VarsOf<M['one'] | M['other']> : never;
export type Vars<K extends MessageKey> = VarsOfMessage<Strings[K]>;
/** A placeholder's value: text as is, or catalog words (a Text, or a list of them joined with commas) in the same language. */
export type Value = string | number | Text | readonly Text[];
export type Params<K extends MessageKey> = { [V in Vars<K>]: V extends 'count' ? number : Value };
/** The placeholders a key needs: nothing when it has none. */
export type Args<K extends MessageKey> = [Vars<K>] extends [never] ? [] : [params: Params<K>];

/** Keys without placeholders: what a lookup table of labels holds. */
export type PlainKey = { [K in MessageKey]: [Vars<K>] extends [never] ? K : never }[MessageKey];

/** A message chosen now and worded later, in the reader's language (e.g. inside a UserError). */
export interface Text {
	readonly key: MessageKey;
	readonly params: Readonly<Record<string, Value>>;
}

export function text<K extends MessageKey>(key: K, ...args: Args<K>): Text {
	return { key, params: args[0] ?? {} };
}

export function isText(value: unknown): value is Text {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Text).key === 'string' &&
		Object.hasOwn(strings, (value as Text).key)
	);
}

const PLACEHOLDER = /\{\{([\w-]+)\}\}/g;

export function placeholdersOf(message: Message): string[] {
	const texts = typeof message === 'string' ? [message] : [message.one, message.other];
	return [...new Set(texts.flatMap((t) => [...t.matchAll(PLACEHOLDER)].map((m) => m[1]!)))].sort();
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function word(locale: Locale, value: Value): string {
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	if (isTextArray(value)) return value.map((item) => render(locale, item.key, item.params)).join(', ');
	return render(locale, value.key, value.params);
}

const isTextArray = (value: Value): value is readonly Text[] => Array.isArray(value);

function render(locale: Locale, key: MessageKey, params: Readonly<Record<string, Value>>): string {
	const message = CATALOGS[locale][key] ?? strings[key];
	let template: string;
	if (typeof message === 'string') template = message;
	else {
		let rules = pluralRules.get(locale);
		if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
		// Languages with more forms than one/other (e.g. Spanish "many" for millions) use `other` for them.
		template = rules.select(Number(params.count)) === 'one' ? message.one : message.other;
	}
	return template.replace(PLACEHOLDER, (match, name: string) =>
		Object.hasOwn(params, name) ? word(locale, params[name]!) : match,
	);
}

export interface Translator {
	<K extends MessageKey>(key: K, ...args: Args<K>): string;
	readonly locale: Locale;
	/** Words a Text chosen earlier (a UserError, a stored failure reason). */
	text(value: Text): string;
}

const translators = new Map<Locale, Translator>();

/** The translator for a Discord locale (`interaction.locale`, `guild.preferredLocale`); unknown ones get English. */
export function translator(discordLocale?: string | null): Translator {
	const locale = resolveLocale(discordLocale);
	let t = translators.get(locale);
	if (!t) {
		const fn = <K extends MessageKey>(key: K, ...args: Args<K>) => render(locale, key, args[0] ?? {});
		t = Object.assign(fn, { locale, text: (value: Text) => render(locale, value.key, value.params) });
		translators.set(locale, t);
	}
	return t;
}

/** English, for logs and for places with no reader yet. */
export const en = translator(SOURCE_LOCALE);
