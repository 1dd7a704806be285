import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { compiledEntry, createWorld, ROOT, type World } from '../helpers/world.js';

function runDoctor(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [compiledEntry('doctor')], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', ...env },
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('npm run doctor', () => {
	let world: World | undefined;
	afterEach(async () => {
		await world?.close();
		world = undefined;
	});

	it("reports the token, the intent, the Roblox key, and each server's Manage Roles and role position", async () => {
		world = await createWorld();
		const { code, output } = await runDoctor(world.env());
		expect(output).toMatch(/ok\s+Discord token works/);
		expect(output).toMatch(/ok\s+Server Members intent is on/);
		expect(output).toMatch(/Roblox API key "rolink-fake-key": enabled/);
		expect(output).toMatch(/\[Roblox Fans\] Manage Roles: yes/);
		// The fake guild has a role ("Staff") above Rolink's: the doctor must point it out with the fix.
		expect(output).toMatch(/role\(s\) above it cannot be given \(drag Rolink's role higher\)/);
		expect(code).toBe(0);
		expect(output).not.toContain(world.discord.token);
		expect(output).not.toContain(world.roblox.apiKey);
	});

	it('fails clearly on a bad Roblox key and a missing Manage Roles', async () => {
		world = await createWorld();
		world.guild.setRolePermissions(world.guild.botRole().id, 0n);
		const { code, output } = await runDoctor(world.env({ ROBLOX_API_KEY: 'not-the-right-key' }));
		expect(output).toMatch(/FAIL Roblox API key check failed/);
		expect(output).toMatch(/FAIL \[Roblox Fans\] Manage Roles: NO/);
		expect(code).toBe(1);
	});
});
