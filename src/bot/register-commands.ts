import { isDeepStrictEqual } from 'node:util';
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from './command.js';

type CommandJSON = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * Discord returns commands with defaults filled in and fields we never send (id, version, nsfw…). Comparing only the
 * fields we define, with Discord's defaults applied, tells "nothing changed" from "needs a PUT", so a restart does not
 * re-register and burn the daily command-create limit.
 */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value !== 'object' || value === null) return value;
	const out: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) {
		if (inner === undefined || inner === null) continue;
		if (['id', 'application_id', 'guild_id', 'version', 'name_localized', 'description_localized'].includes(key))
			continue;
		if ((key === 'required' || key === 'nsfw' || key === 'autocomplete') && inner === false) continue;
		if ((key === 'options' || key === 'choices') && Array.isArray(inner) && inner.length === 0) continue;
		if (
			(key === 'name_localizations' || key === 'description_localizations') &&
			Object.keys(inner as object).length === 0
		)
			continue;
		if (key === 'dm_permission' || key === 'integration_types' || key === 'handler') continue;
		out[key] = canonical(inner);
	}
	return out;
}

// Top-level chat-input commands are type 1 by default; Discord returns the type even when we omit it.
function comparable(command: CommandJSON | Record<string, unknown>): unknown {
	const withType = { type: 1, ...command };
	return canonical(withType);
}

export function commandsDiffer(local: readonly CommandJSON[], remote: readonly Record<string, unknown>[]): boolean {
	if (local.length !== remote.length) return true;
	const byName = new Map(remote.map((command) => [command.name as string, comparable(command)]));
	return local.some((command) => !isDeepStrictEqual(comparable(command), byName.get(command.name)));
}

export interface RegistrationResult {
	scope: 'global' | 'guild';
	changed: boolean;
	count: number;
}

/** Registers the definitions globally or to one guild, only when Discord's copy differs. */
export async function registerCommands(
	rest: REST,
	applicationId: string,
	commands: Iterable<Command>,
	guildId?: string,
): Promise<RegistrationResult> {
	const local = [...commands].map((command) => command.data.toJSON());
	const route = guildId
		? Routes.applicationGuildCommands(applicationId, guildId)
		: Routes.applicationCommands(applicationId);
	// Without with_localizations Discord leaves the localization maps out, and every start would look like a change.
	const remote = (await rest.get(route, {
		query: new URLSearchParams({ with_localizations: 'true' }),
	})) as Record<string, unknown>[];
	const scope = guildId ? 'guild' : 'global';
	if (!commandsDiffer(local, remote)) return { scope, changed: false, count: local.length };
	await rest.put(route, { body: local });
	return { scope, changed: true, count: local.length };
}
