import { createRobloxClient, type RobloxClient, type RobloxClientOptions } from '../../src/roblox/index.js';
import type { FakeRoblox } from '../fakes/roblox/server.js';

/** A client pointed at the fake for every host, with test-sized retries and timeouts. */
export function clientFor(fake: FakeRoblox, overrides: Partial<RobloxClientOptions> = {}): RobloxClient {
	return createRobloxClient({
		apiKey: fake.apiKey,
		openCloudUrl: fake.url,
		usersUrl: fake.url,
		badgesUrl: fake.url,
		thumbnailsUrl: fake.url,
		timeouts: { connectMs: 1_000, requestMs: 1_000 },
		retries: { max: 2, baseDelayMs: 10, maxDelayMs: 50 },
		thumbnailPoll: { baseDelayMs: 10, maxDelayMs: 40, maxPolls: 5 },
		...overrides,
	});
}

/** Resolve with the rejection of `p` (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<any> {
	try {
		await p;
	} catch (e) {
		return e;
	}
	throw new Error('expected the promise to reject');
}

export const inventoryRecords = (fake: FakeRoblox) => fake.requests.filter((r) => r.path.endsWith('/inventory-items'));
