/**
 * One of the processes sharing a Roblox budget through Redis (test/roblox/shared-limiter.test.ts): opens the budgets
 * as the bot does (openBudgets on a redis:// URL), waits for the shared start time, then asks for `count` slots of
 * the `inventory` budget at once, settling each at once. Prints the start times, as one JSON line.
 */
import { openBudgets } from '../../src/roblox/shared-limiter.js';

const [url, limit, windowMs, count, startAt] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [
	string,
	number,
	number,
	number,
	number,
];
const budgets = await openBudgets(url, 2);
const limiter = budgets.limiter('inventory', { limit, windowMs });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const starts: number[] = [];
await Promise.all(
	Array.from({ length: count }, async () => {
		const settle = await limiter.acquire('background');
		starts.push(Date.now());
		settle();
	}),
);
limiter.close();
await budgets.close();
console.log(JSON.stringify({ starts }));
