/** Small, accessible HTML pages: one heading, a few sentences, no scripts. Every text is escaped. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface PageContent {
	title: string;
	paragraphs: string[];
	/** "ok" pages get role="status", refusals role="alert", so screen readers announce the outcome. */
	tone: 'ok' | 'refused' | 'info';
	/** The page's language (a BCP 47 tag, e.g. pt-BR). */
	lang?: string;
}

export function renderPage(page: PageContent): string {
	const role = page.tone === 'refused' ? 'alert' : 'status';
	const body = page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
	return `<!doctype html>
<html lang="${escapeHtml(page.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)} · Rolink</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}
h1{font-size:1.5rem}
.refused h1{color:#8a1c1c}
.ok h1{color:#1d5e2a}
</style>
</head>
<body class="${page.tone}">
<main>
<h1 role="${role}">${escapeHtml(page.title)}</h1>
${body}
</main>
</body>
</html>
`;
}
