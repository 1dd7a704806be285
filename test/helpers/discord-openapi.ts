/**
 * Check request bodies the bot sends to Discord against the request schemas in Discord's official OpenAPI description
 * (test/fixtures/discord/openapi.json, override with DISCORD_OPENAPI_PATH). A small JSON-Schema subset checker:
 * $ref, allOf, anyOf, oneOf, type (incl. 'null' and type arrays), enum, const, properties, required,
 * additionalProperties (false or schema), min/maxProperties, items, min/maxItems, uniqueItems, min/maxLength, pattern,
 * minimum/maximum.
 *
 * Deliberate leniencies / additions, documented:
 *  - oneOf is checked like anyOf (at least one alternative must match): Discord's spec has overlapping alternatives
 *    (e.g. `{type: null}` next to nullable objects), so "exactly one" would flag valid payloads.
 *  - Integers that may exceed 2^53 (format int64 or maximum > Number.MAX_SAFE_INTEGER, e.g. default_member_permissions)
 *    are accepted as decimal strings, as Discord accepts them and discord.js sends them that way.
 *  - For 'application-commands-bulk', Discord's documented naming rule that the spec does not encode is added: names of
 *    CHAT_INPUT commands, their options and subcommands must match ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ and be
 *    lower case; CHAT_INPUT commands need a 1-100 character description.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

type Schema = Record<string, any> | boolean;

let spec: any;
function loadSpec(): any {
	if (!spec) {
		const path =
			process.env.DISCORD_OPENAPI_PATH ?? fileURLToPath(new URL('../fixtures/discord/openapi.json', import.meta.url));
		spec = JSON.parse(readFileSync(path, 'utf8'));
	}
	return spec;
}

/** The JSON request-body schema for a kind of payload. */
export function requestSchema(kind: DiscordPayloadKind): Schema {
	const [path, method] = ROUTES[kind];
	const op = loadSpec().paths?.[path]?.[method];
	const schema = op?.requestBody?.content?.['application/json']?.schema;
	if (!schema) throw new Error(`openapi.json has no JSON request body for ${method.toUpperCase()} ${path}`);
	return schema;
}

export function validateDiscordPayload(kind: DiscordPayloadKind, body: unknown): string[] {
	const problems = check(requestSchema(kind), body, '$');
	if (kind === 'application-commands-bulk' && Array.isArray(body)) problems.push(...commandNameRules(body));
	return problems;
}

function resolveRef(ref: string): Schema {
	if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
	let node: any = loadSpec();
	for (const part of ref.slice(2).split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
	return node;
}

function typeOf(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	return typeof v;
}

function matchesType(t: string, v: unknown, s: Record<string, any>): boolean {
	switch (t) {
		case 'null':
			return v === null;
		case 'object':
			return typeOf(v) === 'object';
		case 'array':
			return Array.isArray(v);
		case 'string':
			return typeof v === 'string';
		case 'boolean':
			return typeof v === 'boolean';
		case 'number':
			return typeof v === 'number' && Number.isFinite(v);
		case 'integer':
			return (
				(typeof v === 'number' && Number.isInteger(v)) ||
				(typeof v === 'string' && /^-?\d+$/.test(v) && allowsBigInt(s))
			);
		default:
			return true;
	}
}

function allowsBigInt(s: Record<string, any>): boolean {
	return s.format === 'int64' || (typeof s.maximum === 'number' && s.maximum > Number.MAX_SAFE_INTEGER);
}

function deepEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

const show = (v: unknown) => {
	const j = JSON.stringify(v);
	return j === undefined ? String(v) : j.length > 60 ? `${j.slice(0, 57)}...` : j;
};

function check(schema: Schema, v: unknown, path: string): string[] {
	if (schema === true) return [];
	if (schema === false) return [`${path}: not allowed`];
	const s = schema;
	const out: string[] = [];
	if (s.$ref) out.push(...check(resolveRef(s.$ref), v, path));
	if (Array.isArray(s.allOf)) for (const sub of s.allOf) out.push(...check(sub, v, path));
	for (const key of ['anyOf', 'oneOf'] as const) {
		if (!Array.isArray(s[key])) continue;
		const results = s[key].map((sub: Schema) => check(sub, v, path));
		if (!results.some((r: string[]) => r.length === 0)) {
			const best = results.reduce((a: string[], b: string[]) => (b.length < a.length ? b : a));
			out.push(`${path}: matches none of the ${s[key].length} ${key} alternatives; closest: ${best.join('; ')}`);
		}
	}
	if (s.type !== undefined) {
		const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
		if (!types.some((t) => matchesType(t, v, s))) {
			out.push(`${path}: expected ${types.join(' | ')}, got ${typeOf(v)} ${show(v)}`);
			return out; // the remaining keywords would only add noise
		}
	}
	if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => deepEqual(e, v)))
		out.push(`${path}: ${show(v)} is not one of ${show(s.enum)}`);
	if ('const' in s && !deepEqual(s.const, v)) out.push(`${path}: must be ${show(s.const)}`);
	if (typeof v === 'string') {
		const len = [...v].length;
		if (typeof s.minLength === 'number' && len < s.minLength)
			out.push(`${path}: shorter than ${s.minLength} characters`);
		if (typeof s.maxLength === 'number' && len > s.maxLength)
			out.push(`${path}: longer than ${s.maxLength} characters (${len})`);
		if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
			out.push(`${path}: does not match ${s.pattern}`);
	}
	if (typeof v === 'number') {
		if (typeof s.minimum === 'number' && v < s.minimum) out.push(`${path}: below minimum ${s.minimum}`);
		if (typeof s.maximum === 'number' && v > s.maximum) out.push(`${path}: above maximum ${s.maximum}`);
	}
	if (Array.isArray(v)) {
		if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${path}: fewer than ${s.minItems} items`);
		if (typeof s.maxItems === 'number' && v.length > s.maxItems)
			out.push(`${path}: more than ${s.maxItems} items (${v.length})`);
		if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
			out.push(`${path}: items are not unique`);
		if (s.items !== undefined && !Array.isArray(s.items))
			v.forEach((x, i) => out.push(...check(s.items, x, `${path}[${i}]`)));
	}
	if (typeOf(v) === 'object') {
		const obj = v as Record<string, unknown>;
		const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
		if (Array.isArray(s.required))
			for (const k of s.required) if (obj[k] === undefined) out.push(`${path}.${k}: required`);
		if (typeof s.minProperties === 'number' && keys.length < s.minProperties)
			out.push(`${path}: fewer than ${s.minProperties} properties`);
		if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties)
			out.push(`${path}: more than ${s.maxProperties} properties`);
		const props: Record<string, Schema> = s.properties ?? {};
		for (const k of keys) {
			if (k in props) out.push(...check(props[k]!, obj[k], `${path}.${k}`));
			else if (s.additionalProperties === false) out.push(`${path}.${k}: unknown property`);
			else if (typeof s.additionalProperties === 'object')
				out.push(...check(s.additionalProperties, obj[k], `${path}.${k}`));
		}
	}
	return out;
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function commandNameRules(commands: unknown[]): string[] {
	const out: string[] = [];
	const checkName = (name: unknown, path: string) => {
		if (typeof name !== 'string') return;
		if (!NAME_RE.test(name)) out.push(`${path}.name: ${show(name)} does not match Discord's name pattern`);
		else if (name !== name.toLowerCase()) out.push(`${path}.name: ${show(name)} must be lower case`);
	};
	const walkOptions = (options: unknown, path: string) => {
		if (!Array.isArray(options)) return;
		options.forEach((o: any, i) => {
			checkName(o?.name, `${path}.options[${i}]`);
			walkOptions(o?.options, `${path}.options[${i}]`);
		});
	};
	commands.forEach((c: any, i) => {
		if (typeOf(c) !== 'object') return;
		const type = c.type ?? 1;
		if (type !== 1) return;
		checkName(c.name, `$[${i}]`);
		if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100)
			out.push(`$[${i}].description: chat input commands need a 1-100 character description`);
		walkOptions(c.options, `$[${i}]`);
	});
	return out;
}
