/**
 * Check bodies against the response schemas in Roblox's OpenAPI 3.0 documents (test/fixtures/roblox), with ajv.
 * OpenAPI 3.0 schema objects are close to JSON Schema draft-07, which ajv's default build checks, once these are
 * rewritten (on a copy; the fixture files stay Roblox's):
 *  - `nullable: true` (OpenAPI 3.0) → the type also allows null;
 *  - Roblox's `x-oneOf` (`{ group: [field, …] }`: at most one field of each group present) → `not: { required: [a, b] }`
 *    for every pair;
 *  - an `enum` whose values don't match the declared `type` is dropped: Roblox's files have that defect (for example
 *    an `isCircular` boolean described with string enum values, see test/fixtures/README.md);
 *  - refs `#/components/…` point into the document, which is added to ajv whole.
 * Formats: date-time is checked; int32, int64, double and enum are annotations.
 */
import { Ajv, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;
export interface OpenApiDoc {
	paths: Record<
		string,
		Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
	>;
	components: { schemas: Record<string, Schema> };
}

export function responseSchema(doc: OpenApiDoc, path: string, method: string, status = '200'): Schema {
	const schema = doc.paths[path]?.[method.toLowerCase()]?.responses?.[status]?.content?.['application/json']?.schema;
	if (!schema) throw new Error(`no ${status} application/json schema for ${method} ${path}`);
	return schema;
}

const typeOf = (v: unknown): string =>
	v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
const fits = (type: string, v: unknown) => typeOf(v) === type || (type === 'number' && typeof v === 'number');

function preprocess(node: unknown, docId: string): unknown {
	if (Array.isArray(node)) return node.map((n) => preprocess(n, docId));
	if (typeof node !== 'object' || node === null) return node;
	const out: Schema = {};
	for (const [key, value] of Object.entries(node as Schema)) {
		if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out.$ref = `${docId}${value}`;
		else if (key !== 'nullable' && key !== 'x-oneOf') out[key] = preprocess(value, docId);
	}
	const source = node as Schema;
	if (typeof out.type === 'string' && Array.isArray(out.enum) && !out.enum.every((e) => fits(out.type as string, e)))
		delete out.enum;
	if (source.nullable === true) {
		if (typeof out.type === 'string') out.type = [out.type, 'null'];
		if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
	}
	const groups = source['x-oneOf'];
	if (typeof groups === 'object' && groups !== null) {
		const exclusions: Schema[] = [];
		for (const fields of Object.values(groups as Record<string, string[]>))
			for (let i = 0; i < fields.length; i++)
				for (let j = i + 1; j < fields.length; j++) exclusions.push({ not: { required: [fields[i], fields[j]] } });
		if (exclusions.length > 0) out.allOf = [...((out.allOf as Schema[] | undefined) ?? []), ...exclusions];
	}
	return out;
}

const instances = new WeakMap<OpenApiDoc, { ajv: Ajv; id: string; compiled: WeakMap<Schema, ValidateFunction> }>();
let nextId = 1;

function forDoc(doc: OpenApiDoc) {
	let entry = instances.get(doc);
	if (!entry) {
		const id = `https://roblox.local/openapi-${nextId++}.json`;
		// strict: false because an OpenAPI document is not a schema (paths, info, x-… are not keywords).
		const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
		for (const annotation of ['int32', 'int64', 'double', 'enum']) ajv.addFormat(annotation, true);
		ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
		ajv.addSchema({ ...(preprocess(doc, id) as Schema), $id: id });
		entry = { ajv, id, compiled: new WeakMap() };
		instances.set(doc, entry);
	}
	return entry;
}

/** The problems ajv finds with `value` against `schema` (a schema object from `doc`); [] when it is valid. */
export function validate(doc: OpenApiDoc, schema: Schema, value: unknown): string[] {
	const entry = forDoc(doc);
	let check = entry.compiled.get(schema);
	if (!check) {
		check = entry.ajv.compile(preprocess(schema, entry.id) as Schema);
		entry.compiled.set(schema, check);
	}
	if (check(value)) return [];
	return (check.errors ?? []).map((e) => `$${e.instancePath.replace(/\//g, '.')}: ${e.message ?? e.keyword}`);
}
