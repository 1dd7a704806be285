/**
 * Check request bodies the bot sends to Discord against the request schemas in Discord's official OpenAPI description
 * (test/fixtures/discord/openapi.json, override with DISCORD_OPENAPI_PATH), with ajv. The file is OpenAPI 3.1, whose
 * schemas are JSON Schema 2020-12, so ajv's 2020 build checks them; refs like `#/components/schemas/X` resolve inside
 * the document, which is added to ajv whole.
 *
 * Preprocessing and additions, deliberate and documented:
 *  - oneOf is checked as anyOf (at least one alternative must match): Discord's spec has overlapping alternatives
 *    (e.g. `{type: null}` next to nullable objects), so "exactly one" would flag valid payloads.
 *  - Integers that may exceed 2^53 (format int64 or maximum > Number.MAX_SAFE_INTEGER, e.g. default_member_permissions)
 *    are accepted as decimal strings too, as Discord accepts them and discord.js sends them that way.
 *  - Discord's own formats (int32, int64, double, snowflake, nonce) are annotations; date-time and uri are checked.
 *  - For 'application-commands-bulk', Discord's documented naming rule that the spec does not encode is added: names of
 *    CHAT_INPUT commands, their options and subcommands must match ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ and be
 *    lower case (their name_localizations too); CHAT_INPUT commands need a 1-100 character description.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export type DiscordPayloadKind =
	| 'application-commands-bulk'
	| 'interaction-callback'
	| 'webhook-message-edit'
	| 'webhook-execute'
	| 'channel-message-create'
	| 'guild-member-modify';

const ROUTES: Record<DiscordPayloadKind, [path: string, method: string]> = {
	'application-commands-bulk': ['/applications/{application_id}/commands', 'put'],
	'interaction-callback': ['/interactions/{interaction_id}/{interaction_token}/callback', 'post'],
	'webhook-message-edit': ['/webhooks/{webhook_id}/{webhook_token}/messages/@original', 'patch'],
	'webhook-execute': ['/webhooks/{webhook_id}/{webhook_token}', 'post'],
	'channel-message-create': ['/channels/{channel_id}/messages', 'post'],
	'guild-member-modify': ['/guilds/{guild_id}/members/{user_id}', 'patch'],
};

const SPEC_ID = 'https://discord.com/openapi.json';

/** The spec with the leniencies above applied (a deep copy; the fixture file is untouched). */
function preprocess(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(preprocess);
	if (typeof node !== 'object' || node === null) return node;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(node as Record<string, unknown>))
		out[key === 'oneOf' ? 'anyOf' : key] = preprocess(value);
	const types = Array.isArray(out.type) ? (out.type as unknown[]) : out.type === undefined ? [] : [out.type];
	const big = out.format === 'int64' || (typeof out.maximum === 'number' && out.maximum > Number.MAX_SAFE_INTEGER);
	if (types.includes('integer') && big && !types.includes('string')) {
		out.type = [...types, 'string'];
		out.pattern = '^-?[0-9]+$'; // applies to the string form only
	}
	return out;
}

let ajv: Ajv2020 | undefined;
function validator(): Ajv2020 {
	if (!ajv) {
		const path =
			process.env.DISCORD_OPENAPI_PATH ?? fileURLToPath(new URL('../fixtures/discord/openapi.json', import.meta.url));
		const spec = preprocess(JSON.parse(readFileSync(path, 'utf8'))) as Record<string, unknown>;
		// strict: false because an OpenAPI document is not a schema (paths, info… are not keywords); unicodeRegExp for
		// the spec's \p{…} patterns.
		ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: true, logger: false });
		for (const annotation of ['int32', 'int64', 'double', 'snowflake', 'nonce']) ajv.addFormat(annotation, true);
		ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
		ajv.addFormat('uri', (s: string) => URL.canParse(s));
		ajv.addSchema({ ...spec, $id: SPEC_ID });
	}
	return ajv;
}

const compiled = new Map<DiscordPayloadKind, ValidateFunction>();

/** The JSON request-body schema for a kind of payload, as a JSON pointer into the spec. */
export function requestSchemaRef(kind: DiscordPayloadKind): string {
	const [path, method] = ROUTES[kind];
	const pointer = ['paths', path, method, 'requestBody', 'content', 'application/json', 'schema']
		.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
		.join('/');
	return `${SPEC_ID}#/${pointer}`;
}

export function validateDiscordPayload(kind: DiscordPayloadKind, body: unknown): string[] {
	let validate = compiled.get(kind);
	if (!validate) {
		validate = validator().getSchema(requestSchemaRef(kind));
		if (!validate) throw new Error(`openapi.json has no JSON request body for ${ROUTES[kind].join(' ')}`);
		compiled.set(kind, validate);
	}
	const problems = validate(body) ? [] : describe(validate.errors ?? [], body);
	if (kind === 'application-commands-bulk' && Array.isArray(body)) problems.push(...commandNameRules(body));
	return problems;
}

const show = (v: unknown) => {
	const j = JSON.stringify(v);
	return j === undefined ? String(v) : j.length > 60 ? `${j.slice(0, 57)}...` : j;
};

/** `/embeds/0/title` → `$.embeds[0].title`, the paths the tests and failure messages use. */
function jsPath(instancePath: string): string {
	return (
		'$' +
		instancePath
			.split('/')
			.slice(1)
			.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
			.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
			.join('')
	);
}

function valueAt(body: unknown, instancePath: string): unknown {
	let node = body;
	for (const part of instancePath.split('/').slice(1))
		node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	return node;
}

/** ajv's errors in plain words; the branches of an unmatched anyOf are summarised by the anyOf itself. */
function describe(errors: ErrorObject[], body: unknown): string[] {
	const out: string[] = [];
	for (const e of errors) {
		const at = jsPath(e.instancePath);
		const p = e.params as Record<string, unknown>;
		switch (e.keyword) {
			case 'required':
				out.push(`${at}.${String(p.missingProperty)}: required`);
				break;
			case 'type': {
				const v = valueAt(body, e.instancePath);
				const got = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
				out.push(`${at}: expected ${[p.type].flat().join(' | ')}, got ${got} ${show(v)}`);
				break;
			}
			case 'maxLength':
				out.push(`${at}: longer than ${String(p.limit)} characters`);
				break;
			case 'minLength':
				out.push(`${at}: shorter than ${String(p.limit)} characters`);
				break;
			case 'maxItems':
				out.push(`${at}: more than ${String(p.limit)} items`);
				break;
			case 'minItems':
				out.push(`${at}: fewer than ${String(p.limit)} items`);
				break;
			case 'maximum':
				out.push(`${at}: above maximum ${String(p.limit)}`);
				break;
			case 'minimum':
				out.push(`${at}: below minimum ${String(p.limit)}`);
				break;
			case 'uniqueItems':
				out.push(`${at}: items are not unique`);
				break;
			case 'additionalProperties':
				out.push(`${at}.${String(p.additionalProperty)}: unknown property`);
				break;
			case 'enum':
				out.push(`${at}: ${show(valueAt(body, e.instancePath))} is not one of ${show(p.allowedValues)}`);
				break;
			case 'anyOf':
				out.push(`${at}: matches none of the anyOf alternatives`);
				break;
			default:
				out.push(`${at}: ${e.message ?? e.keyword}`);
		}
	}
	return [...new Set(out)];
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function commandNameRules(commands: unknown[]): string[] {
	const out: string[] = [];
	const checkName = (name: unknown, path: string) => {
		if (typeof name !== 'string') return;
		if (!NAME_RE.test(name)) out.push(`${path}.name: ${show(name)} does not match Discord's name pattern`);
		else if (name !== name.toLowerCase()) out.push(`${path}.name: ${show(name)} must be lower case`);
	};
	// The same rule holds for every localized name (name_localizations), in every language.
	const checkLocalized = (node: any, path: string) => {
		for (const [locale, name] of Object.entries(node?.name_localizations ?? {}))
			checkName(name, `${path}.name_localizations.${locale}`);
	};
	const walkOptions = (options: unknown, path: string) => {
		if (!Array.isArray(options)) return;
		options.forEach((o: any, i) => {
			checkName(o?.name, `${path}.options[${i}]`);
			checkLocalized(o, `${path}.options[${i}]`);
			walkOptions(o?.options, `${path}.options[${i}]`);
		});
	};
	commands.forEach((c: any, i) => {
		if (typeof c !== 'object' || c === null || Array.isArray(c)) return;
		const type = c.type ?? 1;
		if (type !== 1) return;
		checkName(c.name, `$[${i}]`);
		checkLocalized(c, `$[${i}]`);
		if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100)
			out.push(`$[${i}].description: chat input commands need a 1-100 character description`);
		walkOptions(c.options, `$[${i}]`);
	});
	return out;
}
