import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	ModalSubmitInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
	StringSelectMenuInteraction,
} from 'discord.js';
import type { BotContext } from './context.js';

/**
 * One slash command: its definition (built with @discordjs/builders) and its handlers. Component custom ids are
 * namespaced `commandName:action:arg…`, so the router knows which module owns a button after a restart.
 */
export interface Command {
	data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
	execute(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext): Promise<unknown>;
	button?(interaction: ButtonInteraction<'cached'>, ctx: BotContext, args: string[]): Promise<unknown>;
	select?(interaction: StringSelectMenuInteraction<'cached'>, ctx: BotContext, args: string[]): Promise<unknown>;
	modal?(interaction: ModalSubmitInteraction<'cached'>, ctx: BotContext, args: string[]): Promise<unknown>;
	autocomplete?(interaction: AutocompleteInteraction<'cached'>, ctx: BotContext): Promise<unknown>;
}

export const CUSTOM_ID_SEPARATOR = ':';

/** Builds a custom id; Discord caps them at 100 characters, so a longer one is a bug caught here, not at Discord. */
export function customId(command: string, action: string, ...args: (string | number)[]): string {
	const id = [command, action, ...args].join(CUSTOM_ID_SEPARATOR);
	if (id.length > 100) throw new Error(`custom id over 100 characters: ${id}`);
	return id;
}

export function parseCustomId(id: string): { command: string; action: string; args: string[] } {
	const [command = '', action = '', ...args] = id.split(CUSTOM_ID_SEPARATOR);
	return { command, action, args };
}
