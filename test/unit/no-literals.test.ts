import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/world.js';

/**
 * No user-facing literal outside the catalog. Walks the TypeScript syntax of commands/ and src/ and fails on a string
 * with words in it where Discord shows text: the argument of reply/editReply/followUp/update/send/edit, the builders'
 * setLabel/setTitle/setDescription/setFooter/setAuthor/addFields/setPlaceholder/setName, the `content`, `label`,
 * `title`, `description`, `text`, `placeholder` and `reason` properties, `name` next to a `value` (embed fields,
 * choices), the `note` of a judgement (/lookup), the `what`/`problem` of an import problem and the arguments of an
 * ImportFileError, and a sentence a function returns (how a group rule reads, say). Such text goes in
 * src/ui/strings.ts and is looked up with `t('key')`, or chosen with `text('key')` and worded later for the reader.
 *
 * Not scanned: the catalog itself, and code whose only reader is the operator at a terminal (start-up errors,
 * config, doctor, logs): those stay in English by design (README "Languages"). src/roblox/ returns and throws text
 * for logs only (callers branch on a RobloxError's code, never its message), so its returns are not read.
 */

const OPERATOR_FILES = new Set([
	'src/ui/strings.ts',
	'src/config.ts',
	'src/main.ts',
	'src/doctor.ts',
	'src/deploy-commands.ts',
	'src/logger.ts',
	'src/app.ts',
	'src/bot/client.ts',
]);
/** Folders whose returned strings are log text (see above). */
const LOG_ONLY_RETURNS = ['src/roblox/'];
const CALLS = new Set([
	'reply',
	'editReply',
	'followUp',
	'update',
	'send',
	'edit',
	'setContent',
	'setLabel',
	'setTitle',
	'setDescription',
	'setFooter',
	'setAuthor',
	'addFields',
	'setFields',
	'setPlaceholder',
	'setName',
	'post',
	'ImportFileError',
]);
const PROPERTIES = new Set([
	'content',
	'label',
	'title',
	'description',
	'text',
	'placeholder',
	'reason',
	'note',
	'what',
	'problem',
]);
const WORDS = /\p{L}{2,}/u;
/**
 * Names also used for ids and codes (hash.update('utf8'), plan reasons like 'screening', a path in a file): only
 * sentence-like text counts. (Template parts are joined with NUL, so a placeholder is not taken for a space.)
 */
const AMBIGUOUS = new Set(['update', 'edit', 'send', 'reason', 'note', 'what', 'problem', 'ImportFileError']);
const SENTENCE = /^\p{Lu}|\s/u;
/** A returned string counts when it reads as words (a word and a space), not an id, a code or markup. */
const RETURNED_WORDS = /\p{L}{2,}\s|\s\p{L}{2,}/u;

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return path.endsWith('/locales') ? [] : files(path);
		return entry.endsWith('.ts') ? [path] : [];
	});
}

/** The literal text parts of an expression that would reach the reader as they are. */
function literalParts(node: ts.Node, sentenceOnly = false): ts.Node[] {
	const shown = (text: string) => WORDS.test(text) && (!sentenceOnly || SENTENCE.test(text));
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return shown(node.text) ? [node] : [];
	if (ts.isTemplateExpression(node)) {
		const statics = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('\0');
		return [
			...(shown(statics) ? [node] : []),
			...node.templateSpans.flatMap((span) => literalParts(span.expression, sentenceOnly)),
		];
	}
	if (ts.isConditionalExpression(node))
		return [...literalParts(node.whenTrue, sentenceOnly), ...literalParts(node.whenFalse, sentenceOnly)];
	if (ts.isBinaryExpression(node))
		return [...literalParts(node.left, sentenceOnly), ...literalParts(node.right, sentenceOnly)];
	if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalParts(node.expression, sentenceOnly);
	if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => literalParts(e, sentenceOnly));
	return [];
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
	const callee = call.expression;
	if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
	if (ts.isIdentifier(callee)) return callee.text;
	return undefined;
}

/** A returned literal that reads as a sentence: `return 'any member'`, `return \`rank ${n}\``. */
function returnedSentence(node: ts.Node): boolean {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return RETURNED_WORDS.test(node.text);
	if (ts.isTemplateExpression(node)) {
		const statics = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('\0');
		return !statics.trimStart().startsWith('<') && RETURNED_WORDS.test(statics);
	}
	return false;
}

export function findLiterals(path: string, source: string): string[] {
	const logReturns = LOG_ONLY_RETURNS.some((dir) => path.startsWith(dir));
	const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const report = (node: ts.Node) => {
		const { line } = file.getLineAndCharacterOfPosition(node.getStart());
		found.push(`${path}:${line + 1}: ${node.getText().slice(0, 80)}`);
	};
	const visit = (node: ts.Node) => {
		if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && CALLS.has(calleeName(node) ?? '')) {
			// setName('kind') is an identifier, not text, when it is a command or option name: those come from
			// localized(); any other setName with words (a modal, a select) is shown text.
			const name = calleeName(node) ?? '';
			for (const arg of node.arguments ?? []) literalParts(arg, AMBIGUOUS.has(name)).forEach(report);
		}
		if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
			const key = node.name.text;
			const siblings = ts.isObjectLiteralExpression(node.parent)
				? node.parent.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''))
				: [];
			if (PROPERTIES.has(key) || (key === 'name' && siblings.includes('value')))
				literalParts(node.initializer, AMBIGUOUS.has(key)).forEach(report);
		}
		if (!logReturns && ts.isReturnStatement(node) && node.expression) {
			const returned = ts.isConditionalExpression(node.expression)
				? [node.expression.whenTrue, node.expression.whenFalse]
				: [node.expression];
			returned.filter(returnedSentence).forEach(report);
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

describe('user-facing text', () => {
	it('lives only in the catalog (src/ui/strings.ts)', () => {
		const offenders = [...files(join(ROOT, 'commands')), ...files(join(ROOT, 'src'))]
			.map((path) => relative(ROOT, path))
			.filter((path) => !OPERATOR_FILES.has(path))
			.flatMap((path) => findLiterals(path, readFileSync(join(ROOT, path), 'utf8')));
		expect(offenders, 'move these into src/ui/strings.ts (and the locales) and use t(…)').toEqual([]);
	});

	it('catches the kinds of literal it is meant to', () => {
		const sample = [
			"await interaction.reply({ content: 'Done!', flags: 64 });",
			"new ButtonBuilder().setLabel('Open profile');",
			"embed.addFields({ name: 'Changed', value: String(n) });",
			'void audit.post(guildId, (t) => ({ title: `Roles of ${x}`, lines: [] }));',
			"await interaction.editReply(ok ? 'Saved.' : t('bulkStopped'));",
			// What #17 moved into the catalog: a judgement's note, a group rule's words, an import problem.
			"return membership ? { says: 'not', note: 'in the group' } : { says: 'have' };",
			"function ruleText(rule) { if (rule.type === 'any') return 'any member'; return `rank ${rule.min}`; }",
			"throw new ImportFileError('version', `Rolink reads version ${v}`);",
			"return { where: 'kind', what: `unknown kind '${kind}'` };",
		].join('\n');
		expect(findLiterals('sample.ts', sample)).toHaveLength(10);
		const fine = [
			"await interaction.reply({ content: t('settingsSaved'), flags: 64 });",
			'const row = `<@&${id}>`;',
			"customId('bind', 'page', owner);",
			"logger.info({ id }, 'account linked');",
			"interaction.options.getString('kind');",
			"createHash('sha256').update(value, 'utf8');",
			"return { kind: 'failed', reason: 'screening' };",
			"return { says: 'unknown', note: text('noteGiveOnly') };",
			"return { ok: false, reason: 'not-asked' };",
			'return `<@&${roleId}>`;',
		].join('\n');
		expect(findLiterals('src/roblox/http.ts', "return 'network error';")).toEqual([]);
		expect(findLiterals('fine.ts', fine)).toEqual([]);
	});
});
