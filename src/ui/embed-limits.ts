/**
 * Discord's documented message limits, as plain functions over plain JSON (no discord.js): `checkEmbedLimits` says what
 * breaks a limit (tests assert it returns nothing), `fitEmbed` truncates so a reply never fails at Discord over a long
 * badge name or a guild with many bindings.
 */

export const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	author: 256,
	/** Sum of title, description, field names and values, footer text and author name. */
	total: 6000,
} as const;

export const COMPONENT_LIMITS = { rows: 5, buttonsPerRow: 5, customId: 100, label: 80 } as const;

/** The subset of Discord's embed object this bot writes (structurally compatible with discord.js's APIEmbed). */
export interface EmbedJSON {
	title?: string;
	description?: string;
	url?: string;
	color?: number;
	footer?: { text: string; icon_url?: string };
	author?: { name: string; url?: string; icon_url?: string };
	thumbnail?: { url: string };
	fields?: { name: string; value: string; inline?: boolean }[];
}

export interface ButtonJSON {
	type: number;
	style: number;
	label?: string;
	custom_id?: string;
	url?: string;
	disabled?: boolean;
}

export interface RowJSON {
	type: number;
	components: ButtonJSON[];
}

const len = (text: string | undefined) => (text === undefined ? 0 : [...text].length);

/** Total counted text of an embed, as Discord counts it. */
export function embedTextLength(embed: EmbedJSON): number {
	let total = len(embed.title) + len(embed.description) + len(embed.footer?.text) + len(embed.author?.name);
	for (const field of embed.fields ?? []) total += len(field.name) + len(field.value);
	return total;
}

/** Every limit this embed breaks, as readable strings; empty when it fits. */
export function checkEmbedLimits(embed: EmbedJSON): string[] {
	const problems: string[] = [];
	const over = (what: string, value: string | undefined, max: number) => {
		if (len(value) > max) problems.push(`${what} is ${len(value)} characters (max ${max})`);
	};
	over('title', embed.title, EMBED_LIMITS.title);
	over('description', embed.description, EMBED_LIMITS.description);
	over('footer', embed.footer?.text, EMBED_LIMITS.footer);
	over('author', embed.author?.name, EMBED_LIMITS.author);
	const fields = embed.fields ?? [];
	if (fields.length > EMBED_LIMITS.fields) problems.push(`${fields.length} fields (max ${EMBED_LIMITS.fields})`);
	fields.forEach((field, i) => {
		over(`field ${i} name`, field.name, EMBED_LIMITS.fieldName);
		over(`field ${i} value`, field.value, EMBED_LIMITS.fieldValue);
		if (len(field.name) === 0 || len(field.value) === 0) problems.push(`field ${i} is empty`);
	});
	const total = embedTextLength(embed);
	if (total > EMBED_LIMITS.total) problems.push(`embed text totals ${total} characters (max ${EMBED_LIMITS.total})`);
	return problems;
}

/** Every limit these component rows break (buttons only: that is all this bot sends). */
export function checkComponentLimits(rows: readonly RowJSON[]): string[] {
	const problems: string[] = [];
	if (rows.length > COMPONENT_LIMITS.rows) problems.push(`${rows.length} rows (max ${COMPONENT_LIMITS.rows})`);
	const ids = new Set<string>();
	rows.forEach((row, r) => {
		if (row.components.length > COMPONENT_LIMITS.buttonsPerRow)
			problems.push(`row ${r} has ${row.components.length} buttons (max ${COMPONENT_LIMITS.buttonsPerRow})`);
		for (const button of row.components) {
			if (button.custom_id !== undefined) {
				if (button.custom_id.length > COMPONENT_LIMITS.customId)
					problems.push(`custom id ${button.custom_id} is over ${COMPONENT_LIMITS.customId} characters`);
				if (ids.has(button.custom_id)) problems.push(`custom id ${button.custom_id} is used twice`);
				ids.add(button.custom_id);
			}
			if (len(button.label) > COMPONENT_LIMITS.label)
				problems.push(`label ${button.label} is over ${COMPONENT_LIMITS.label} characters`);
		}
	});
	return problems;
}

/** Cuts text to at most `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
	const chars = [...text];
	if (chars.length <= max) return text;
	return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Joins lines into at most `max` characters, whole lines only: each line is first cut to `maxLine`, and when the lines
 * do not all fit, the last ones are replaced by `more(count)`.
 */
export function joinLinesWithin(
	lines: readonly string[],
	max: number,
	more: (count: number) => string,
	maxLine = 512,
): string {
	const cut = lines.map((line) => truncate(line, Math.min(maxLine, max)));
	let out: string[] = [];
	let length = 0;
	for (let i = 0; i < cut.length; i++) {
		const line = cut[i]!;
		const add = len(line) + (out.length ? 1 : 0);
		// Leave room for the "…and N more" line whenever more lines would follow.
		const tail = i < cut.length - 1 ? len(more(cut.length - i)) + 1 : 0;
		if (length + add + tail > max) {
			out = [...out, more(cut.length - i)];
			return truncate(out.join('\n'), max);
		}
		out.push(line);
		length += add;
	}
	return out.join('\n');
}

/** A copy of the embed cut down to every Discord limit (field by field, then the description, to meet the total). */
export function fitEmbed<E extends EmbedJSON>(embed: E): E {
	const out: E = { ...embed };
	if (out.title !== undefined) out.title = truncate(out.title, EMBED_LIMITS.title);
	if (out.description !== undefined) out.description = truncate(out.description, EMBED_LIMITS.description);
	if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, EMBED_LIMITS.footer) };
	if (out.author) out.author = { ...out.author, name: truncate(out.author.name, EMBED_LIMITS.author) };
	if (out.fields)
		out.fields = out.fields.slice(0, EMBED_LIMITS.fields).map((f) => ({
			...f,
			name: truncate(f.name || '\u200b', EMBED_LIMITS.fieldName),
			value: truncate(f.value || '\u200b', EMBED_LIMITS.fieldValue),
		}));
	const excess = embedTextLength(out) - EMBED_LIMITS.total;
	if (excess > 0 && out.description !== undefined)
		out.description = truncate(out.description, Math.max(1, len(out.description) - excess));
	// Still over (huge fields): drop fields from the end.
	while (embedTextLength(out) > EMBED_LIMITS.total && out.fields?.length) out.fields = out.fields.slice(0, -1);
	return out;
}
