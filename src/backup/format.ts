/**
 * Settings backups: the JSON that /settings export writes and /settings import reads, and the plan an import makes.
 * Pure functions, no discord.js: the Discord side supplies the server's roles and channels as plain data. The format
 * is described by settings-export.schema.json (checked with ajv) and in the README.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { bindingFromStored, bindingKey } from '../kinds/index.js';
import type { NewBinding } from '../kinds/types.js';
import { parsePositiveId } from '../linking/input.js';
import { nicknameTemplateProblem } from '../roles/nickname.js';
import { en } from '../ui/i18n.js';
import {
	BINDING_KINDS,
	type Binding,
	type BindingKind,
	type GuildConfig,
	type GuildSettings,
} from '../store/guilds.js';

export const EXPORT_VERSION = 1;
export const MAX_IMPORT_BYTES = 1024 * 1024;

export const EXPORT_SCHEMA = JSON.parse(
	readFileSync(new URL('./settings-export.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

export interface Named {
	id: string;
	name: string;
}

export interface ExportFile {
	version: 1;
	exportedAt?: string;
	guild?: Named;
	settings: {
		verifiedRole?: Named;
		unverifiedRole?: Named;
		auditChannel?: Named;
		nicknameTemplate?: string;
		autoVerify?: boolean;
		minAccountAgeDays?: number;
	};
	/** Each binding's kind-specific fields as the kind stores them (itemId, or groupId and rule), plus its role. */
	bindings: {
		kind: BindingKind;
		itemId?: string;
		itemName?: string;
		groupId?: string;
		groupName?: string;
		rule?: Record<string, unknown>;
		role: Named;
		giveOnly?: boolean;
	}[];
}

/** The server as an import sees it. `problem` says why Rolink may not give a role (null: it may). */
export interface GuildView {
	id: string;
	name: string;
	roles: { id: string; name: string; problem: string | null; dangerous: boolean }[];
	channels: Named[];
}

export function buildExport(config: GuildConfig, guild: GuildView, now: Date): ExportFile {
	const roleName = (id: string) => guild.roles.find((r) => r.id === id)?.name ?? '';
	const channelName = (id: string) => guild.channels.find((c) => c.id === id)?.name ?? '';
	const s = config.settings;
	const settings: ExportFile['settings'] = { autoVerify: s.autoVerify };
	if (s.verifiedRoleId) settings.verifiedRole = { id: s.verifiedRoleId, name: roleName(s.verifiedRoleId) };
	if (s.unverifiedRoleId) settings.unverifiedRole = { id: s.unverifiedRoleId, name: roleName(s.unverifiedRoleId) };
	if (s.auditChannelId) settings.auditChannel = { id: s.auditChannelId, name: channelName(s.auditChannelId) };
	if (s.nicknameTemplate) settings.nicknameTemplate = s.nicknameTemplate;
	if (s.minAccountAgeDays) settings.minAccountAgeDays = s.minAccountAgeDays;
	return {
		version: EXPORT_VERSION,
		exportedAt: now.toISOString(),
		guild: { id: guild.id, name: guild.name },
		settings,
		bindings: config.bindings.map(({ id: _id, roleId, addedBy: _by, addedAt: _at, giveOnly, ...target }) => ({
			// The kind's own fields as stored, so every kind (a group's id and rank rule too) round-trips.
			...(target as Omit<ExportFile['bindings'][number], 'role' | 'giveOnly'>),
			role: { id: roleId, name: roleName(roleId) },
			...(giveOnly ? { giveOnly: true } : {}),
		})),
	};
}

/** A file that cannot be imported: `where` is a path such as `bindings[3].kind`, `what` says what is wrong. */
export class ImportFileError extends Error {
	constructor(
		readonly where: string,
		readonly what: string,
	) {
		super(where ? `${where}: ${what}` : what);
		this.name = 'ImportFileError';
	}
}

// ajv is loaded on the first import, not at start-up: it and the compiled schema cost about 10 MB of memory that a
// bot which never imports a backup should not carry.
let validator: Promise<ValidateFunction<ExportFile>> | undefined;
const exportValidator = () =>
	(validator ??= import('ajv').then(({ Ajv }) =>
		new Ajv({ allErrors: false, strict: true }).compile<ExportFile>(EXPORT_SCHEMA),
	));

/** `/bindings/3/kind` → `bindings[3].kind`. */
function pathOf(pointer: string): string {
	return pointer
		.split('/')
		.slice(1)
		.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

function describeSchemaError(error: ErrorObject, data: unknown): ImportFileError {
	const where = pathOf(error.instancePath);
	const at = (extra: string) => (where ? `${where}.${extra}` : extra);
	const value = error.instancePath
		.split('/')
		.slice(1)
		.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), data);
	const params = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'required':
			return new ImportFileError(at(String(params.missingProperty)), 'missing');
		case 'additionalProperties':
			return new ImportFileError(at(String(params.additionalProperty)), 'not a field Rolink knows');
		case 'type':
			return new ImportFileError(
				where,
				`must be ${String(params.type) === 'integer' ? 'a whole number' : `a ${String(params.type)}`}`,
			);
		case 'pattern':
			return new ImportFileError(where, `'${String(value)}' is not a Discord id`);
		case 'maxItems':
			return new ImportFileError(where, `more than ${String(params.limit)} entries`);
		case 'maxLength':
		case 'minLength':
		case 'minimum':
		case 'maximum':
			return new ImportFileError(where, `${String(value)} is out of range (${error.message ?? ''})`);
		default:
			return new ImportFileError(where, error.message ?? 'not valid');
	}
}

/**
 * Is this binding's target right for its kind? The same rules /bind add applies: `collectible` takes no id, `group`
 * a group id (a positive int64) and no item id, every other kind an item id (a positive int64).
 */
function bindingItemProblem(
	kind: string,
	itemId: string | undefined,
	groupId: string | undefined,
): { where: 'kind' | 'itemId' | 'groupId'; what: string } | null {
	if (!(BINDING_KINDS as readonly string[]).includes(kind)) return { where: 'kind', what: `unknown kind '${kind}'` };
	if (kind === 'group') {
		if (itemId !== undefined) return { where: 'itemId', what: "the 'group' kind takes a groupId, not an item id" };
		if (groupId === undefined) return { where: 'groupId', what: "missing (a 'group' binding needs a group id)" };
		return parsePositiveId(groupId) === groupId ? null : { where: 'groupId', what: `'${groupId}' is not a Roblox id` };
	}
	if (groupId !== undefined) return { where: 'groupId', what: `the '${kind}' kind takes no group id` };
	if (kind === 'collectible')
		return itemId === undefined ? null : { where: 'itemId', what: "the 'collectible' kind takes no item id" };
	if (itemId === undefined) return { where: 'itemId', what: `missing (a '${kind}' binding needs an item id)` };
	if (parsePositiveId(itemId) !== itemId) return { where: 'itemId', what: `'${itemId}' is not a Roblox id` };
	return null;
}

/** Text → a checked export file, or an ImportFileError naming the first problem and where it is. */
export async function parseExportFile(text: string): Promise<ExportFile> {
	if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new ImportFileError('', 'the file is over 1 MB');
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new ImportFileError('', `not JSON (${(error as Error).message})`);
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new ImportFileError('', 'not a Rolink settings export (expected a JSON object)');
	const version = (data as Record<string, unknown>).version;
	if (version === undefined) throw new ImportFileError('version', 'missing: this is not a Rolink settings export');
	if (version !== EXPORT_VERSION)
		throw new ImportFileError(
			'version',
			`Rolink reads version ${EXPORT_VERSION}, this file says ${JSON.stringify(version)}`,
		);
	const validate = await exportValidator();
	if (!validate(data)) throw describeSchemaError(validate.errors![0]!, data);
	data.bindings.forEach((binding, index) => {
		const problem = bindingItemProblem(binding.kind, binding.itemId, binding.groupId);
		if (problem) throw new ImportFileError(`bindings[${index}].${problem.where}`, problem.what);
		// Then the kind itself reads the entry, as it reads stored rows (a group's id and rank rule, for example).
		if (!bindingFromStored({ ...binding, id: '-', roleId: '-' }))
			throw new ImportFileError(`bindings[${index}]`, `not a '${binding.kind}' binding Rolink can read`);
	});
	if (data.settings.nicknameTemplate !== undefined) {
		const problem = nicknameTemplateProblem(data.settings.nicknameTemplate);
		if (problem) throw new ImportFileError('settings.nicknameTemplate', en.text(problem));
	}
	return data;
}

export interface ImportPlan {
	settings: Omit<GuildSettings, 'panel'>;
	bindings: (NewBinding & Partial<Pick<Binding, 'id' | 'addedAt'>>)[];
	added: string[];
	changed: string[];
	removed: string[];
	unmappable: string[];
}

type Mapped = { id: string } | { problem: string };

/** By id when this server has it, then by exact name when exactly one has it. */
function mapByIdThenName(wanted: Named, candidates: readonly Named[], what: string): Mapped {
	if (candidates.some((c) => c.id === wanted.id)) return { id: wanted.id };
	const byName = candidates.filter((c) => c.name === wanted.name);
	if (byName.length === 1) return { id: byName[0]!.id };
	if (byName.length > 1) return { problem: `${byName.length} ${what}s here are named '${wanted.name}'` };
	return { problem: `no ${what} here has id ${wanted.id} or the name '${wanted.name}'` };
}

function mapRole(wanted: Named, guild: GuildView, allowDangerous: boolean): Mapped {
	const mapped = mapByIdThenName(wanted, guild.roles, 'role');
	if ('problem' in mapped) return mapped;
	const role = guild.roles.find((r) => r.id === mapped.id)!;
	if (role.problem) return { problem: role.problem };
	if (role.dangerous && !allowDangerous)
		return { problem: `<@&${role.id}> has dangerous permissions; bind it by hand with /bind add if you mean it` };
	return mapped;
}

/**
 * What importing `file` into this server would do. The file is a full restore: settings and bindings become what it
 * says; anything that cannot be mapped is left out (a setting keeps its current value) and listed.
 */
export function planImport(
	file: ExportFile,
	current: GuildConfig,
	guild: GuildView,
	describe: (b: Binding) => string,
	importedBy: string,
): ImportPlan {
	const plan: ImportPlan = {
		settings: { autoVerify: true },
		bindings: [],
		added: [],
		changed: [],
		removed: [],
		unmappable: [],
	};
	const s = file.settings;
	const before = current.settings;
	const next: Omit<GuildSettings, 'panel'> = { autoVerify: s.autoVerify ?? true };
	const roleSetting = (key: 'verifiedRoleId' | 'unverifiedRoleId', wanted: Named | undefined, label: string) => {
		if (!wanted) return;
		// Every member gets these: dangerous permissions are never allowed (as in /settings set).
		const mapped = mapRole(wanted, guild, false);
		if ('problem' in mapped) {
			plan.unmappable.push(`${label} '${wanted.name}': ${mapped.problem}`);
			if (before[key]) next[key] = before[key];
		} else next[key] = mapped.id;
	};
	roleSetting('verifiedRoleId', s.verifiedRole, 'Verified role');
	roleSetting('unverifiedRoleId', s.unverifiedRole, 'Unverified role');
	if (s.auditChannel) {
		const mapped = mapByIdThenName(s.auditChannel, guild.channels, 'text channel');
		if ('problem' in mapped) {
			plan.unmappable.push(`Audit channel '#${s.auditChannel.name}': ${mapped.problem}`);
			if (before.auditChannelId) next.auditChannelId = before.auditChannelId;
		} else next.auditChannelId = mapped.id;
	}
	if (s.nicknameTemplate) next.nicknameTemplate = s.nicknameTemplate;
	if (s.minAccountAgeDays) next.minAccountAgeDays = s.minAccountAgeDays;
	plan.settings = next;

	const show = (key: keyof typeof next, value: string | number | boolean | undefined) =>
		value === undefined
			? 'off'
			: key.endsWith('RoleId')
				? `<@&${String(value)}>`
				: key === 'auditChannelId'
					? `<#${String(value)}>`
					: `\`${String(value)}\``;
	const labels: Record<string, string> = {
		verifiedRoleId: 'Verified role',
		unverifiedRoleId: 'Unverified role',
		auditChannelId: 'Audit channel',
		nicknameTemplate: 'Nickname template',
		autoVerify: 'Auto-verify on join',
		minAccountAgeDays: 'Minimum account age (days)',
	};
	for (const key of Object.keys(labels) as (keyof typeof next)[]) {
		const was = before[key];
		const will = next[key];
		if (was === will) continue;
		const line = `${labels[key]}: ${show(key, will)}`;
		if (was === undefined) plan.added.push(line);
		else if (will === undefined) plan.removed.push(`${labels[key]} (was ${show(key, was)})`);
		else plan.changed.push(`${line} (was ${show(key, was)})`);
	}

	const keyOf = (b: NewBinding | Binding) => bindingKey(b);
	const existing = new Map(current.bindings.map((b) => [keyOf(b), b]));
	const kept = new Set<string>();
	file.bindings.forEach((entry, index) => {
		const mapped = mapRole(entry.role, guild, false);
		// Read through the kind, as stored rows are: the file's flat entry becomes a binding of the union.
		const read = bindingFromStored({ ...entry, id: '-', roleId: '-', addedBy: importedBy, addedAt: '' });
		const what = read ? describe(read) : entry.kind;
		if ('problem' in mapped) {
			plan.unmappable.push(`bindings[${index}] ${what} → '${entry.role.name}': ${mapped.problem}`);
			return;
		}
		if (!read) return; // parseExportFile has already refused entries no kind can read
		const { id: _id, addedAt: _at, giveOnly: _gives, ...fromKind } = read;
		const binding = {
			...fromKind,
			roleId: mapped.id,
			...(entry.giveOnly ? { giveOnly: true } : {}),
			addedBy: importedBy,
		} as NewBinding;
		const key = keyOf(binding);
		if (kept.has(key)) return;
		kept.add(key);
		const same = existing.get(key);
		if (same) {
			const { giveOnly: _was, ...rest } = same;
			plan.bindings.push({
				...rest,
				...(entry.itemName !== undefined ? { itemName: entry.itemName } : {}),
				...(entry.giveOnly ? { giveOnly: true } : {}),
			});
			if (Boolean(same.giveOnly) !== Boolean(entry.giveOnly))
				plan.changed.push(`${what} → <@&${mapped.id}>: ${entry.giveOnly ? 'give-only' : 'takes the role away again'}`);
		} else {
			plan.bindings.push(binding);
			plan.added.push(`${what} → <@&${mapped.id}>`);
		}
	});
	for (const [key, binding] of existing)
		if (!kept.has(key)) plan.removed.push(`${describe(binding)} → <@&${binding.roleId}>`);
	return plan;
}
