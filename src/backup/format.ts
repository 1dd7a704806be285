/**
 * Settings backups: the JSON that /settings export writes and /settings import reads, and the plan an import makes.
 * Pure functions, no discord.js: the Discord side supplies the server's roles and channels as plain data. The format
 * is described by settings-export.schema.json (checked with ajv) and in the README.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { bindingFromStored, bindingKey, describeBinding } from '../kinds/index.js';
import type { NewBinding } from '../kinds/types.js';
import { parsePositiveId } from '../linking/input.js';
import { nicknameTemplateProblem } from '../roles/nickname.js';
import { en, text, type PlainKey, type Text, type Value } from '../ui/i18n.js';
import { SETTING_LABELS } from '../ui/setting-labels.js';
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
	roles: { id: string; name: string; problem: Text | null; dangerous: boolean }[];
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

/**
 * A file that cannot be imported: `where` is a path such as `bindings[3].kind`, `what` says what is wrong. `problem`
 * is both, worded later in the reader's language; the message is English, for logs.
 */
export class ImportFileError extends Error {
	readonly problem: Text;

	constructor(
		readonly where: string,
		readonly what: Text,
	) {
		const problem = where ? text('importProblemAt', { where, what }) : what;
		super(en.text(problem));
		this.name = 'ImportFileError';
		this.problem = problem;
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
	const limit = Number(params.limit);
	switch (error.keyword) {
		case 'required':
			return new ImportFileError(at(String(params.missingProperty)), text('importMissing'));
		case 'additionalProperties':
			return new ImportFileError(at(String(params.additionalProperty)), text('importUnknownField'));
		case 'type': {
			const type = String(params.type);
			return new ImportFileError(where, text(Object.hasOwn(TYPE_NAMES, type) ? TYPE_NAMES[type]! : 'importNotValid'));
		}
		case 'pattern':
			return new ImportFileError(where, text('importNotDiscordId', { value: String(value) }));
		case 'maxItems':
			return new ImportFileError(where, text('importTooManyEntries', { count: limit }));
		case 'maxLength':
			return new ImportFileError(where, text('importTooLong', { count: limit }));
		case 'minLength':
			return new ImportFileError(where, text('importTooShort', { count: limit }));
		case 'minimum':
			return new ImportFileError(where, text('importTooSmall', { value: String(value), limit }));
		case 'maximum':
			return new ImportFileError(where, text('importTooLarge', { value: String(value), limit }));
		default:
			return new ImportFileError(where, text('importNotValid'));
	}
}

/** A JSON type the schema asks for, as the problem names it. */
const TYPE_NAMES: Readonly<Record<string, PlainKey>> = {
	integer: 'importMustBeInteger',
	number: 'importMustBeNumber',
	string: 'importMustBeString',
	boolean: 'importMustBeBoolean',
	object: 'importMustBeObject',
	array: 'importMustBeArray',
};

/**
 * Is this binding's target right for its kind? The same rules /bind add applies: `collectible` takes no id, `group`
 * a group id (a positive int64) and no item id, every other kind an item id (a positive int64).
 */
function bindingItemProblem(
	kind: string,
	itemId: string | undefined,
	groupId: string | undefined,
): { where: 'kind' | 'itemId' | 'groupId'; what: Text } | null {
	if (!(BINDING_KINDS as readonly string[]).includes(kind))
		return { where: 'kind', what: text('importUnknownKind', { kind }) };
	const notAnId = (value: string) => text('importNotRobloxId', { value });
	if (kind === 'group') {
		if (itemId !== undefined) return { where: 'itemId', what: text('importGroupTakesNoItemId') };
		if (groupId === undefined) return { where: 'groupId', what: text('importGroupNeedsGroupId') };
		return parsePositiveId(groupId) === groupId ? null : { where: 'groupId', what: notAnId(groupId) };
	}
	if (groupId !== undefined) return { where: 'groupId', what: text('importKindTakesNoGroupId', { kind }) };
	if (kind === 'collectible')
		return itemId === undefined ? null : { where: 'itemId', what: text('importCollectibleTakesNoItemId') };
	if (itemId === undefined) return { where: 'itemId', what: text('importKindNeedsItemId', { kind }) };
	if (parsePositiveId(itemId) !== itemId) return { where: 'itemId', what: notAnId(itemId) };
	return null;
}

/** Text → a checked export file, or an ImportFileError naming the first problem and where it is. */
export async function parseExportFile(content: string): Promise<ExportFile> {
	if (Buffer.byteLength(content) > MAX_IMPORT_BYTES) throw new ImportFileError('', text('importTooBig'));
	let data: unknown;
	try {
		data = JSON.parse(content);
	} catch {
		// The parser's own message (position, token) is English and of no help to someone who did not edit the file.
		throw new ImportFileError('', text('importNotJson'));
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new ImportFileError('', text('importNotExport'));
	const version = (data as Record<string, unknown>).version;
	if (version === undefined) throw new ImportFileError('version', text('importNoVersion'));
	if (version !== EXPORT_VERSION)
		throw new ImportFileError(
			'version',
			text('importWrongVersion', { supported: EXPORT_VERSION, found: JSON.stringify(version) }),
		);
	const validate = await exportValidator();
	if (!validate(data)) throw describeSchemaError(validate.errors![0]!, data);
	data.bindings.forEach((binding, index) => {
		const problem = bindingItemProblem(binding.kind, binding.itemId, binding.groupId);
		if (problem) throw new ImportFileError(`bindings[${index}].${problem.where}`, problem.what);
		// Then the kind itself reads the entry, as it reads stored rows (a group's id and rank rule, for example).
		if (!bindingFromStored({ ...binding, id: '-', roleId: '-' }))
			throw new ImportFileError(`bindings[${index}]`, text('importUnreadableBinding', { kind: binding.kind }));
	});
	if (data.settings.nicknameTemplate !== undefined) {
		const problem = nicknameTemplateProblem(data.settings.nicknameTemplate);
		if (problem) throw new ImportFileError('settings.nicknameTemplate', problem);
	}
	return data;
}

/** What an import would do. Every line is worded later, in the language of whoever reads the preview. */
export interface ImportPlan {
	settings: Omit<GuildSettings, 'panel'>;
	bindings: (NewBinding & Partial<Pick<Binding, 'id' | 'addedAt'>>)[];
	added: Text[];
	changed: Text[];
	removed: Text[];
	unmappable: Text[];
}

type Mapped = { id: string } | { problem: Text };

/** By id when this server has it, then by exact name when exactly one has it. */
function mapByIdThenName(wanted: Named, candidates: readonly Named[], what: 'role' | 'channel'): Mapped {
	if (candidates.some((c) => c.id === wanted.id)) return { id: wanted.id };
	const byName = candidates.filter((c) => c.name === wanted.name);
	if (byName.length === 1) return { id: byName[0]!.id };
	const { name, id } = wanted;
	if (byName.length > 1)
		return {
			problem: text(what === 'role' ? 'importSeveralRoles' : 'importSeveralChannels', { count: byName.length, name }),
		};
	return { problem: text(what === 'role' ? 'importNoRoleMatch' : 'importNoChannelMatch', { id, name }) };
}

function mapRole(wanted: Named, guild: GuildView, allowDangerous: boolean): Mapped {
	const mapped = mapByIdThenName(wanted, guild.roles, 'role');
	if ('problem' in mapped) return mapped;
	const role = guild.roles.find((r) => r.id === mapped.id)!;
	if (role.problem) return { problem: role.problem };
	if (role.dangerous && !allowDangerous) return { problem: text('importRoleDangerous', { roleId: role.id }) };
	return mapped;
}

/** The settings an import carries, in the order the preview lists them. */
const IMPORTED_SETTINGS = [
	'verifiedRoleId',
	'unverifiedRoleId',
	'auditChannelId',
	'nicknameTemplate',
	'autoVerify',
	'minAccountAgeDays',
] as const satisfies readonly (keyof GuildSettings)[];

/** A setting's value as the preview shows it: a mention, on/off, a number of days, or the text itself. */
function settingValue(key: keyof GuildSettings, value: string | number | boolean | undefined): Value {
	if (value === undefined) return text('settingsOff');
	if (typeof value === 'boolean') return text(value ? 'settingsOn' : 'settingsOff');
	if (key === 'minAccountAgeDays') return text('settingsDays', { count: Number(value) });
	if (key.endsWith('RoleId')) return `<@&${String(value)}>`;
	if (key === 'auditChannelId') return `<#${String(value)}>`;
	return `\`${String(value)}\``;
}

/**
 * What importing `file` into this server would do. The file is a full restore: settings and bindings become what it
 * says; anything that cannot be mapped is left out (a setting keeps its current value) and listed.
 */
export function planImport(file: ExportFile, current: GuildConfig, guild: GuildView, importedBy: string): ImportPlan {
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
	const leftOut = (key: keyof GuildSettings, name: string, problem: Text) =>
		plan.unmappable.push(text('importUnmappableSetting', { setting: text(SETTING_LABELS[key]), name, problem }));
	const roleSetting = (key: 'verifiedRoleId' | 'unverifiedRoleId', wanted: Named | undefined) => {
		if (!wanted) return;
		// Every member gets these: dangerous permissions are never allowed (as in /settings set).
		const mapped = mapRole(wanted, guild, false);
		if ('problem' in mapped) {
			leftOut(key, wanted.name, mapped.problem);
			if (before[key]) next[key] = before[key];
		} else next[key] = mapped.id;
	};
	roleSetting('verifiedRoleId', s.verifiedRole);
	roleSetting('unverifiedRoleId', s.unverifiedRole);
	if (s.auditChannel) {
		const mapped = mapByIdThenName(s.auditChannel, guild.channels, 'channel');
		if ('problem' in mapped) {
			leftOut('auditChannelId', `#${s.auditChannel.name}`, mapped.problem);
			if (before.auditChannelId) next.auditChannelId = before.auditChannelId;
		} else next.auditChannelId = mapped.id;
	}
	if (s.nicknameTemplate) next.nicknameTemplate = s.nicknameTemplate;
	if (s.minAccountAgeDays) next.minAccountAgeDays = s.minAccountAgeDays;
	// Not in the file (yet): an import keeps the server's mass-removal breaker as it is.
	if (before.removalBreaker) next.removalBreaker = before.removalBreaker;
	plan.settings = next;

	for (const key of IMPORTED_SETTINGS) {
		const was = before[key];
		const will = next[key];
		if (was === will) continue;
		const setting = text(SETTING_LABELS[key]);
		if (was === undefined) plan.added.push(text('importSettingAdded', { setting, value: settingValue(key, will) }));
		else if (will === undefined)
			plan.removed.push(text('importSettingRemoved', { setting, was: settingValue(key, was) }));
		else
			plan.changed.push(
				text('importSettingChanged', { setting, value: settingValue(key, will), was: settingValue(key, was) }),
			);
	}

	const keyOf = (b: NewBinding | Binding) => bindingKey(b);
	const existing = new Map(current.bindings.map((b) => [keyOf(b), b]));
	const kept = new Set<string>();
	file.bindings.forEach((entry, index) => {
		const mapped = mapRole(entry.role, guild, false);
		// Read through the kind, as stored rows are: the file's flat entry becomes a binding of the union.
		const read = bindingFromStored({ ...entry, id: '-', roleId: '-', addedBy: importedBy, addedAt: '' });
		const binding: Value = read ? describeBinding(read) : entry.kind;
		if ('problem' in mapped) {
			plan.unmappable.push(
				text('importUnmappableBinding', { index, binding, role: entry.role.name, problem: mapped.problem }),
			);
			return;
		}
		if (!read) return; // parseExportFile has already refused entries no kind can read
		const { id: _id, addedAt: _at, giveOnly: _gives, ...fromKind } = read;
		const imported = {
			...fromKind,
			roleId: mapped.id,
			...(entry.giveOnly ? { giveOnly: true } : {}),
			addedBy: importedBy,
		} as NewBinding;
		const key = keyOf(imported);
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
				plan.changed.push(
					text(entry.giveOnly ? 'importBindingGiveOnly' : 'importBindingTakesAway', { binding, roleId: mapped.id }),
				);
		} else {
			plan.bindings.push(imported);
			plan.added.push(text('auditBindingLine', { binding, roleId: mapped.id }));
		}
	});
	for (const [key, binding] of existing)
		if (!kept.has(key))
			plan.removed.push(text('auditBindingLine', { binding: describeBinding(binding), roleId: binding.roleId }));
	return plan;
}
