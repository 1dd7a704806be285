/**
 * Two processes on one store, racing (see race-child.ts): the same Roblox accounts linked from both at the same
 * moment, and bindings added to one guild from both. Exactly one holder per Roblox account, no half pair, no lost
 * binding: the lock seam (src/store/lock.ts) makes the read-modify-writes safe across processes on every backend.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachStore } from './helpers.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'race-child.ts');
const N = 40;

function race(url: string, who: string, startAt: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const p = spawn(process.execPath, ['--import', 'tsx', child, url, who, String(startAt), String(N)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let err = '';
		p.stderr.on('data', (d: Buffer) => (err += d.toString()));
		p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${who} exited ${code}: ${err}`))));
	});
}

describeEachStore((t) => {
	it('two processes: one holder per Roblox account, every binding kept', { timeout: 60_000 }, async () => {
		await t.stores.close(); // only the two children use the database while they race
		const startAt = Date.now() + 3_000; // both have started node and opened the store by then
		await Promise.all([race(t.db.url, 'a', startAt), race(t.db.url, 'b', startAt)]);
		const stores = await t.db.open();
		for (let i = 0; i < N; i++) {
			const robloxId = String(1000 + i);
			const holder = await stores.links.getByRoblox(robloxId);
			expect(holder, robloxId).not.toBeNull();
			const a = await stores.links.getByDiscord(`a-${i}`);
			const b = await stores.links.getByDiscord(`b-${i}`);
			// Exactly one of the two holds it (the later save took it over), and the index agrees.
			expect([a, b].filter((l) => l !== null)).toHaveLength(1);
			expect((a ?? b)?.discordId).toBe(holder?.discordId);
			const loser = holder?.discordId === `a-${i}` ? `b-${i}` : `a-${i}`;
			expect(await t.db.raw('links').get(loser)).toBeUndefined();
		}
		const { bindings } = await stores.guilds.get('g1');
		expect(bindings).toHaveLength(2 * N);
	});
});
