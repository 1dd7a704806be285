/**
 * One of two processes racing on one store (test/store/multi-process.test.ts). Waits until the shared start time,
 * then at once: links its own Discord accounts to the same Roblox accounts the other process links, and adds its
 * own bindings to the same guild. Prints what each save answered, as one JSON line.
 */
import { openStores } from '../../src/store/index.js';

const [url, who, startAt, count] = process.argv.slice(2) as [string, string, string, string];
const n = Number(count);
const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined };
const stores = await openStores(url, quiet);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const linkedAt = new Date().toISOString();
await Promise.all([
	...Array.from({ length: n }, (_, i) =>
		stores.links.save({ discordId: `${who}-${i}`, robloxId: String(1000 + i), linkedAt, method: 'profile-code' }),
	),
	...Array.from({ length: n }, (_, i) =>
		stores.guilds.addBinding('g1', { kind: 'badge', itemId: `${who}${i}`, roleId: 'role1', addedBy: who }),
	),
]);
await stores.close();
console.log(JSON.stringify({ done: who }));
