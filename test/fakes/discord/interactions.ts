/** INTERACTION_CREATE payloads and the per-interaction record the REST side fills in. */
import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.js';
import { roleJson, type GuildState, type World } from './state.js';
import type {
	AutocompleteInput,
	CallbackRecord,
	InteractionHandle,
	PressButtonInput,
	RejectedCallback,
	RunCommandInput,
} from './types.js';
import { waitUntil } from './wait.js';

const LOADING = 1 << 7;

export class InteractionRecord implements InteractionHandle {
	readonly callbacks: CallbackRecord[] = [];
	readonly rejectedCallbacks: RejectedCallback[] = [];
	readonly followUps: any[] = [];
	dispatchedAt = 0;
	/** The current @original message (reply, or for component interactions the message the component is on). */
	originalMessage: any;
	/** Whether @original is a real response yet (for buttons: the source message counts only after type 6/7). */
	originalIsResponse = false;

	constructor(
		private readonly world: World,
		readonly id: string,
		readonly token: string,
		readonly payload: any,
		/** For component interactions: the message the component is on. */
		readonly sourceMessage?: any,
	) {}

	get acknowledged(): boolean {
		return this.callbacks.length > 0;
	}

	original(): any {
		return this.originalIsResponse ? this.originalMessage : undefined;
	}

	waitForCallback(timeoutMs = 5000): Promise<CallbackRecord> {
		return waitUntil(
			this.world.events,
			() => this.callbacks[0],
			timeoutMs,
			() => `no callback for interaction ${this.id}`,
		);
	}

	async waitForChoices(timeoutMs = 5000): Promise<{ name: string; value: string | number }[]> {
		const callback = await this.waitForCallback(timeoutMs);
		if (callback.type !== 8)
			throw new Error(
				`interaction ${this.id} was answered with callback type ${callback.type}, not 8 (autocomplete result)`,
			);
		return callback.data?.choices ?? [];
	}

	waitForReply(pred: (msg: any) => boolean = (m) => !((m.flags ?? 0) & LOADING), timeoutMs = 5000): Promise<any> {
		return waitUntil(
			this.world.events,
			() => {
				const m = this.original();
				return m !== undefined && pred(m) ? m : undefined;
			},
			timeoutMs,
			() => `no matching reply for interaction ${this.id}; current original: ${JSON.stringify(this.original())}`,
		);
	}
}

const OPTION_TYPES: Record<string, number> = {
	string: 3,
	integer: 4,
	boolean: 5,
	user: 6,
	channel: 7,
	role: 8,
	mentionable: 9,
	number: 10,
	attachment: 11,
};

function findCommand(
	fakeCommands: { global: any[]; guild: Map<string, any[]> },
	guildId: string | undefined,
	name: string,
): any {
	const guildCmds = guildId ? (fakeCommands.guild.get(guildId) ?? []) : [];
	return (
		guildCmds.find((c) => c.name === name && (c.type ?? 1) === 1) ??
		fakeCommands.global.find((c) => c.name === name && (c.type ?? 1) === 1)
	);
}

export function buildCommandPayload(
	world: World,
	commands: { global: any[]; guild: Map<string, any[]> },
	i: RunCommandInput,
): any {
	const guild = i.guildId ? world.guilds.get(i.guildId) : undefined;
	if (i.guildId && !guild) throw new Error(`unknown guild ${i.guildId}`);
	const cmd = findCommand(commands, i.guildId, i.name);
	let defs: any[] = cmd?.options ?? [];
	const path = i.subcommand ? i.subcommand.trim().split(/\s+/) : [];
	const resolved: any = {};
	const values: any[] = [];
	for (const [name, value] of Object.entries(i.options ?? {})) {
		values.push({ name, value }); // typed below
	}
	// walk subcommand definitions for option types
	for (const part of path) defs = defs.find((o: any) => o.name === part)?.options ?? [];
	const typed = values.map(({ name, value }) => {
		const def = defs.find((o: any) => o.name === name);
		let type: number | undefined = def?.type;
		if (type === undefined && i.types?.[name]) type = OPTION_TYPES[i.types[name]];
		if (type === undefined)
			type = typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3;
		if (type === 6 || type === 7 || type === 8 || type === 9) fillResolved(world, guild, resolved, type, String(value));
		if (type === 11) {
			// The value is the id of a file put on the fake CDN with FakeDiscord.uploadAttachment.
			const stored = world.attachments.get(String(value));
			if (!stored) throw new Error(`runCommand: unknown attachment ${String(value)}; uploadAttachment first`);
			(resolved.attachments ??= {})[String(value)] = stored.json;
			return { name, type, value: String(value) };
		}
		return { name, type, value: type === 6 || type === 7 || type === 8 || type === 9 ? String(value) : value };
	});
	let options: any[] = typed;
	for (let k = path.length - 1; k >= 0; k--) {
		options = [{ name: path[k], type: k === path.length - 1 ? 1 : 2, options }];
	}
	const data: any = { type: 1, id: cmd?.id ?? world.ids.next(), name: i.name, options };
	if (cmd?.guild_id) data.guild_id = cmd.guild_id;
	if (Object.keys(resolved).length > 0) data.resolved = resolved;
	return basePayload(world, guild, {
		type: 2,
		data,
		userId: i.userId,
		channelId: i.channelId,
		memberPermissions: i.memberPermissions,
		locale: i.locale,
	});
}

/**
 * An autocomplete interaction (type 4), as Discord sends one while a member types: the command's options so far, the
 * one being typed in marked `focused: true` with its partial text as a string (whatever the option's type), and no
 * `resolved` (Discord resolves nothing until the command is sent).
 */
export function buildAutocompletePayload(
	world: World,
	commands: { global: any[]; guild: Map<string, any[]> },
	i: AutocompleteInput,
): any {
	const { focused, ...command } = i;
	if (!Object.hasOwn(i.options ?? {}, focused))
		throw new Error(`autocomplete: give the focused option "${focused}" a value in options (what was typed)`);
	const payload = buildCommandPayload(world, commands, command);
	payload.type = 4;
	delete payload.data.resolved;
	const mark = (options: any[]) => {
		for (const o of options) {
			if (o.type === 1 || o.type === 2) mark(o.options ?? []);
			else if (o.name === focused) Object.assign(o, { focused: true, value: String(o.value) });
		}
	};
	mark(payload.data.options);
	return payload;
}

function fillResolved(world: World, guild: GuildState | undefined, resolved: any, type: number, id: string): void {
	const asRole = type === 8 || (type === 9 && guild?.role(id));
	if (asRole) {
		const r = guild?.role(id);
		if (!r) throw new Error(`runCommand: unknown role ${id}`);
		(resolved.roles ??= {})[id] = roleJson(r);
		return;
	}
	if (type === 7) {
		const ch = world.findChannel(id);
		if (!ch) throw new Error(`runCommand: unknown channel ${id}`);
		const j = world.channelJson(ch);
		(resolved.channels ??= {})[id] = {
			id: j.id,
			name: j.name,
			type: j.type,
			permissions: ALL_PERMISSIONS.toString(),
			parent_id: null,
			flags: 0,
		};
		return;
	}
	const user = world.user(id);
	(resolved.users ??= {})[id] = world.userJson(user);
	const m = guild?.member(id);
	if (guild && m) {
		const mj = guild.memberJson(m, false);
		mj.permissions = guild.permissionsOf(id).toString();
		(resolved.members ??= {})[id] = mj;
	}
}

export function buildButtonPayload(world: World, i: PressButtonInput): { payload: any; message: any } {
	const guild = i.guildId ? world.guilds.get(i.guildId) : undefined;
	if (i.guildId && !guild) throw new Error(`unknown guild ${i.guildId}`);
	let message = i.messageId ? world.messagesById.get(i.messageId) : undefined;
	if (!message) {
		const channelId = i.channelId ?? (guild ? guild.defaultChannelId : world.dmChannel(i.userId).id);
		message = world.makeMessage(channelId, {
			content: '',
			components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Button', custom_id: i.customId }] }],
		});
		if (i.messageId) {
			world.messagesById.delete(message.id);
			message.id = i.messageId;
			world.messagesById.set(message.id, message);
		}
	}
	const payload = basePayload(world, guild, {
		type: 3,
		data: { custom_id: i.customId, component_type: 2 },
		userId: i.userId,
		channelId: message.channel_id,
		memberPermissions: i.memberPermissions,
		locale: i.locale,
	});
	payload.message = structuredClone(message);
	return { payload, message };
}

export function buildModalPayload(
	world: World,
	i: { guildId?: string; userId: string; customId: string; fields: Record<string, string> },
): any {
	const guild = i.guildId ? world.guilds.get(i.guildId) : undefined;
	if (i.guildId && !guild) throw new Error(`unknown guild ${i.guildId}`);
	const components = Object.entries(i.fields).map(([custom_id, value]) => ({
		type: 1,
		components: [{ type: 4, custom_id, value }],
	}));
	return basePayload(world, guild, { type: 5, data: { custom_id: i.customId, components }, userId: i.userId });
}

function basePayload(
	world: World,
	guild: GuildState | undefined,
	o: { type: number; data: any; userId: string; channelId?: string; memberPermissions?: bigint; locale?: string },
): any {
	const id = world.ids.next();
	const token = `aW50ZXJhY3Rpb246${id}:fake-token-${id.slice(-6)}`;
	const user = world.user(o.userId);
	const p: any = {
		id,
		application_id: world.applicationId,
		type: o.type,
		data: o.data,
		token,
		version: 1,
		locale: o.locale ?? 'en-US',
		entitlements: [],
		attachment_size_limit: 10 * 1024 * 1024,
	};
	if (guild) {
		const member = guild.member(o.userId);
		if (!member) throw new Error(`user ${o.userId} is not a member of guild ${guild.id}; addMember first`);
		const channel = guild.channelMap.get(o.channelId ?? guild.defaultChannelId);
		if (!channel) throw new Error(`unknown channel ${o.channelId} in guild ${guild.id}`);
		const perms = o.memberPermissions ?? guild.permissionsOf(o.userId);
		p.guild_id = guild.id;
		p.guild = { id: guild.id, locale: guild.preferredLocale, features: [] };
		p.guild_locale = guild.preferredLocale;
		p.channel = { ...world.channelJson(channel), permissions: perms.toString() };
		p.channel_id = channel.id;
		p.member = { ...guild.memberJson(member), permissions: perms.toString() };
		p.app_permissions = guild.permissionsOf(world.botUser.id).toString();
		p.context = 0;
		p.authorizing_integration_owners = { '0': guild.id };
	} else {
		const channel = world.dmChannel(o.userId);
		p.channel = { ...world.channelJson(channel), permissions: DEFAULT_EVERYONE_PERMISSIONS.toString() };
		p.channel_id = channel.id;
		p.user = world.userJson(user);
		p.app_permissions = '0';
		p.context = 1;
		p.authorizing_integration_owners = { '1': o.userId };
	}
	return p;
}
