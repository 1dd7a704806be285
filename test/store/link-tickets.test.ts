/**
 * "Link with Roblox" tickets in the store: made by the guild's shard process, taken by the process that serves the web
 * pages (two opened stores on one database here), once, and never kept where the database could hand one out.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { LINK_TICKET_TTL_MS } from '../../src/store/index.js';
import { describeEachStore } from './helpers.js';

const TICKET = { discordId: '100000000000000071', guildId: '900000000000000071' };

describeEachStore((t) => {
	it('a ticket made by one process is taken by another, once', async () => {
		const other = await t.db.open();
		const id = await t.stores.tickets.create(TICKET);
		expect(id).toMatch(/^[\w-]{43}$/);
		const [first, second] = await Promise.all([other.tickets.take(id), t.stores.tickets.take(id)]);
		expect([first, second].filter((x) => x !== null)).toEqual([TICKET]);
		expect(await other.tickets.take(id)).toBeNull();
		expect(await t.stores.tickets.take(undefined)).toBeNull();
		expect(await t.stores.tickets.take('not-a-ticket')).toBeNull();
	});

	it('expires with the sign-in, and is refused (and gone) when taken late', async () => {
		const now = Date.now();
		const id = await t.stores.tickets.create(TICKET, now);
		expect(await t.stores.tickets.take(id, now + LINK_TICKET_TTL_MS)).toBeNull();
		expect(await t.stores.tickets.take(id, now)).toBeNull();
	});

	it('keeps only a hash of the ticket: the id appears in no key and no value', async () => {
		const id = await t.stores.tickets.create(TICKET);
		const raw = t.db.raw('pending');
		const hashed = `ticket:${createHash('sha256').update(id).digest('base64url')}`;
		expect(await raw.get(hashed)).toMatchObject(TICKET);
		const rows: string[] = [];
		for await (const [key, value] of raw.iterator!(undefined)) rows.push(JSON.stringify([key, value]));
		expect(rows.join('\n')).toContain(TICKET.discordId);
		expect(rows.join('\n')).not.toContain(id);
	});
});
