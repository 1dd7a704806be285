import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One reported figure: a value, its target, and whether the target was met (null = informational). */
export interface Figure {
	/** Stable key for the JSON, e.g. "requests.perMember". */
	key: string;
	/** Section number in the README (1–5, 6 = load). */
	section: string;
	label: string;
	value: number;
	unit: string;
	/** Human-readable target, e.g. "≤ 1.00"; empty for informational lines. */
	target: string;
	pass: boolean | null;
	note?: string;
}

export function figure(f: Omit<Figure, 'pass' | 'target'> & { target?: string; pass?: boolean | null }): Figure {
	return { target: '', pass: null, ...f };
}

export const atMost = (value: number, limit: number) => value <= limit;
export const below = (value: number, limit: number) => value < limit;
export const atLeast = (value: number, limit: number) => value >= limit;

function formatValue(f: Figure): string {
	if (!Number.isFinite(f.value)) return String(f.value);
	const abs = Math.abs(f.value);
	const digits = Number.isInteger(f.value) ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
	const text = f.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	return f.unit ? `${text} ${f.unit}` : text;
}

/** A Markdown table (it reads fine in a terminal too, and pastes straight into the README). */
export function renderTable(figures: readonly Figure[]): string {
	const rows = figures.map((f) => [
		f.section,
		f.label,
		formatValue(f),
		f.target || '—',
		f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL',
	]);
	const header = ['#', 'Figure', 'Measured', 'Target', 'Result'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export interface BenchReport {
	startedAt: string;
	finishedAt: string;
	mode: 'full' | 'quick';
	node: string;
	platform: string;
	cpus: number;
	gcExposed: boolean;
	sizes: Record<string, number>;
	figures: Figure[];
	notes: string[];
	errors: string[];
}

export async function writeReport(path: string, report: BenchReport): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
