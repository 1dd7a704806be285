import { Events, MessageFlags, type Client, type Interaction, type RepliableInteraction } from 'discord.js';
import { isUserError, newErrorId } from '../errors.js';
import { describeExpectedError } from './expected-errors.js';
import { parseCustomId, type Command } from './command.js';
import type { BotContext } from './context.js';
import { translator } from '../ui/i18n.js';

/**
 * The one error boundary. Every interaction goes through `handle`: expected problems become a short ephemeral answer
 * that says what to do; anything else is logged with an error id that the user sees, so support can find the line.
 * Nothing a user sends can throw past this function.
 */
export class InteractionRouter {
	private inFlight = 0;
	private closing = false;
	private idle: (() => void) | null = null;

	constructor(
		private readonly commands: ReadonlyMap<string, Command>,
		private readonly ctx: BotContext,
	) {}

	attach(client: Client): void {
		client.on(Events.InteractionCreate, (interaction) => void this.handle(interaction));
	}

	async handle(interaction: Interaction): Promise<void> {
		if (this.closing) {
			if (interaction.isRepliable())
				await this.safeRespond(interaction, translator(interaction.locale)('shuttingDown'));
			return;
		}
		this.inFlight++;
		try {
			await this.dispatch(interaction);
		} catch (error) {
			await this.fail(interaction, error);
		} finally {
			this.inFlight--;
			if (this.inFlight === 0) this.idle?.();
		}
	}

	/** Stops taking interactions and waits (bounded) for those in flight. */
	async drain(timeoutMs: number): Promise<boolean> {
		this.closing = true;
		if (this.inFlight === 0) return true;
		return new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), timeoutMs);
			this.idle = () => {
				clearTimeout(timer);
				resolve(true);
			};
		});
	}

	private async dispatch(interaction: Interaction): Promise<void> {
		if (interaction.isAutocomplete()) {
			const command = this.commands.get(interaction.commandName);
			if (!command?.autocomplete || !interaction.inCachedGuild())
				return void (await interaction.respond([]).catch(() => undefined));
			return void (await command.autocomplete(interaction, this.ctx));
		}
		if (!interaction.isRepliable()) return;
		// Answers to a person are in their Discord language (English when Rolink does not speak it).
		const t = translator(interaction.locale);
		// Every command is guild-only: it is about a server's roles. DMs and user-installed contexts get a plain answer.
		if (!interaction.inCachedGuild()) return void (await this.safeRespond(interaction, t('guildOnly')));

		if (interaction.isChatInputCommand()) {
			const command = this.commands.get(interaction.commandName);
			if (!command) return void (await this.safeRespond(interaction, t('unknownCommand')));
			this.ctx.logger.debug(
				{ command: interaction.commandName, guildId: interaction.guildId, userId: interaction.user.id },
				'command',
			);
			await command.execute(interaction, this.ctx);
			return;
		}

		if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
			const { command: name, action, args } = parseCustomId(interaction.customId);
			const command = this.commands.get(name);
			const componentArgs = [action, ...args];
			// Called as methods of their command, so `this` inside a handler is the command module.
			const handled = interaction.isButton()
				? command?.button?.(interaction, this.ctx, componentArgs)
				: interaction.isStringSelectMenu()
					? command?.select?.(interaction, this.ctx, componentArgs)
					: command?.modal?.(interaction, this.ctx, componentArgs);
			// A component from an old message (a removed command, a renamed action, a tampered id) is expected, not a bug.
			if (!handled) return void (await this.safeRespond(interaction, t('staleComponent')));
			await handled;
		}
	}

	private async fail(interaction: Interaction, error: unknown): Promise<void> {
		const t = translator(interaction.locale);
		const expected = isUserError(error) ? error.text : describeExpectedError(error);
		if (expected !== null) {
			this.ctx.logger.debug({ err: error, interactionId: interaction.id }, 'expected problem answered');
			if (interaction.isRepliable()) await this.safeRespond(interaction, t.text(expected));
			return;
		}
		const errorId = newErrorId();
		this.ctx.logger.error(
			{
				err: error,
				errorId,
				interactionId: interaction.id,
				guildId: interaction.guildId,
				userId: interaction.user.id,
				kind: interaction.type,
			},
			'interaction failed',
		);
		if (interaction.isRepliable()) await this.safeRespond(interaction, t('unexpectedError', { errorId }));
	}

	/** Answers ephemerally in whatever state the interaction is in; never throws (the token may have expired). */
	private async safeRespond(interaction: RepliableInteraction, content: string): Promise<void> {
		const payload = { content, embeds: [], components: [], allowedMentions: { parse: [] } };
		try {
			// A deferred slash command shows "thinking…": replace it. A deferred button keeps its message; add a note instead.
			if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent())
				await interaction.editReply(payload);
			else if (interaction.replied || interaction.deferred)
				await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
			else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
		} catch (error) {
			this.ctx.logger.warn({ err: error, interactionId: interaction.id }, 'could not deliver an error message');
		}
	}
}
