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
		expect(id).toMatch(new RegExp(`^${TICKET.discordId}\\.[\\w-]{43}$`));
		const [first, second] = await Promise.all([other.tickets.take(id), t.stores.tickets.take(id)]);
		expect([first, second].filter((x) => x !== null)).toEqual([TICKET]);
		expect(await other.tickets.take(id)).toBeNull();
		expect(await t.stores.tickets.take(undefined)).toBeNull();
		expect(await t.stores.tickets.take('not-a-ticket')).toBeNull();
		// Another secret for the same member, and the same secret for another member, are not tickets.
		const secret = id.split('.')[1]!;
		const again = await t.stores.tickets.create(TICKET);
		expect(
			await t.stores.tickets.take(`${TICKET.discordId}.${secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`),
		).toBeNull();
		expect(await t.stores.tickets.take(`100000000000000072.${again.split('.')[1]!}`)).toBeNull();
		expect(await t.stores.tickets.take(again)).toEqual(TICKET);
	});

	it('expires with the sign-in, and is refused (and gone) when taken late', async () => {
		const now = Date.now();
		const id = await t.stores.tickets.create(TICKET, now);
		expect(await t.stores.tickets.take(id, now + LINK_TICKET_TTL_MS)).toBeNull();
		expect(await t.stores.tickets.take(id, now)).toBeNull();
	});

	it('keeps only a hash of each secret, in one row per member that holds only live tickets', async () => {
		const ids = [];
		for (let i = 0; i < 7; i++)
			ids.push(await t.stores.tickets.create({ ...TICKET, guildId: `90000000000000007${i}` }));
		const raw = t.db.raw('pending');
		const rows: string[] = [];
		for await (const [key, value] of raw.iterator!(undefined)) rows.push(JSON.stringify([key, value]));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toContain(`ticket:${TICKET.discordId}`);
		for (const id of ids) expect(rows[0]).not.toContain(id.split('.')[1]);
		const stored = (await raw.get(`ticket:${TICKET.discordId}`)) as { hash: string }[];
		// The newest five stay usable; the two oldest were dropped.
		expect(stored.map((s) => s.hash)).toEqual(
			ids.slice(2).map((id) => createHash('sha256').update(id.split('.')[1]!).digest('base64url')),
		);
		expect(await t.stores.tickets.take(ids[0])).toBeNull();
		expect(await t.stores.tickets.take(ids[6])).toMatchObject({ guildId: '900000000000000076' });
		// A later write drops expired tickets, and the last one taken leaves no row.
		const now = Date.now();
		const later = await t.stores.tickets.create(TICKET, now + LINK_TICKET_TTL_MS + 1);
		expect(await raw.get(`ticket:${TICKET.discordId}`)).toHaveLength(1);
		expect(await t.stores.tickets.take(later, now + LINK_TICKET_TTL_MS + 2)).toEqual(TICKET);
		expect(await raw.get(`ticket:${TICKET.discordId}`)).toBeUndefined();
	});
});
