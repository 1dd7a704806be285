import { REST, Routes, type APIUser } from 'discord.js';
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { loadCommands } from './bot/load-commands.js';
import { registerCommands } from './bot/register-commands.js';

/** `npm run deploy-commands`: the same registration the bot does at start-up, on demand. */
async function main() {
	try {
		loadDotEnv();
		const config = parseConfig(process.env);
		const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
		const app = (await rest.get(Routes.currentApplication())) as APIUser;
		const result = await registerCommands(rest, app.id, (await loadCommands()).values(), config.devGuildId);
		console.log(
			`${result.changed ? 'Registered' : 'Already up to date:'} ${result.count} commands (${result.scope}${config.devGuildId ? ` ${config.devGuildId}` : ''})`,
		);
	} catch (error) {
		console.error(
			error instanceof ConfigError ? error.message : `Could not register commands: ${(error as Error).message}`,
		);
		process.exit(1);
	}
}

void main();
