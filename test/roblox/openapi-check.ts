/**
 * A tiny validator for the subset of JSON Schema used by Roblox's OpenAPI documents: type, properties,
 * required, items, enum, $ref, oneOf/anyOf/allOf, additionalProperties, nullable, plus Roblox's
 * `x-oneOf` (at most one field of each group may be present). Lenient where SOURCES.md says the specs
 * are inconsistent: an `enum` whose values don't match the declared `type` is ignored.
 */

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

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function matchesType(type: string, v: unknown): boolean {
	switch (type) {
		case 'integer':
			return typeof v === 'number' && Number.isInteger(v);
		case 'number':
			return typeof v === 'number';
		case 'object':
			return typeOf(v) === 'object';
		default:
			return typeOf(v) === type;
	}
}

export function validate(doc: OpenApiDoc, schema: Schema, value: unknown, at = '$'): string[] {
	const errors: string[] = [];
	if (typeof schema.$ref === 'string') {
		const name = schema.$ref.replace('#/components/schemas/', '');
		const target = doc.components.schemas[name];
		if (!target) return [`${at}: unresolved $ref ${schema.$ref}`];
		return validate(doc, target, value, at);
	}
	if (value === null && schema.nullable === true) return [];
	if (typeof schema.type === 'string' && !matchesType(schema.type, value)) {
		return [`${at}: expected ${schema.type}, got ${typeOf(value)}`];
	}
	if (Array.isArray(schema.enum)) {
		const sameType = schema.enum.every((e) => typeof schema.type !== 'string' || matchesType(schema.type, e));
		if (sameType && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
	}
	if (schema.format === 'date-time' && typeof value === 'string' && Number.isNaN(Date.parse(value)))
		errors.push(`${at}: not a date-time`);
	if (Array.isArray(schema.allOf))
		for (const s of schema.allOf as Schema[]) errors.push(...validate(doc, s, value, at));
	if (Array.isArray(schema.oneOf)) {
		const ok = (schema.oneOf as Schema[]).filter((s) => validate(doc, s, value, at).length === 0).length;
		if (ok !== 1) errors.push(`${at}: matches ${ok} oneOf branches`);
	}
	if (
		Array.isArray(schema.anyOf) &&
		!(schema.anyOf as Schema[]).some((s) => validate(doc, s, value, at).length === 0)
	) {
		errors.push(`${at}: matches no anyOf branch`);
	}
	if (typeOf(value) === 'object') {
		const obj = value as Record<string, unknown>;
		const props = (schema.properties ?? {}) as Record<string, Schema>;
		for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errors.push(`${at}: missing required ${r}`);
		for (const [k, v] of Object.entries(obj)) {
			if (props[k]) errors.push(...validate(doc, props[k], v, `${at}.${k}`));
			else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
			else if (typeOf(schema.additionalProperties) === 'object')
				errors.push(...validate(doc, schema.additionalProperties as Schema, v, `${at}.${k}`));
		}
		const groups = (schema['x-oneOf'] ?? {}) as Record<string, string[]>;
		for (const [group, fields] of Object.entries(groups)) {
			const present = fields.filter((f) => obj[f] !== undefined);
			if (present.length > 1) errors.push(`${at}: x-oneOf ${group} has ${present.join(' and ')}`);
		}
	}
	if (Array.isArray(value) && schema.items)
		value.forEach((v, i) => errors.push(...validate(doc, schema.items as Schema, v, `${at}[${i}]`)));
	return errors;
}
