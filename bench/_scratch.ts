import { measureUpdateAll } from './update-all.js';
import { renderTable } from './report.js';
const n = Number(process.argv[2] ?? 300);
const t = Date.now();
const u = await measureUpdateAll({ members: n, rate: { limit: Number(process.argv[3] ?? 100), windowMs: Number(process.argv[4] ?? 1000) } });
console.log(renderTable(u.figures), Date.now() - t, u.elapsedMs);
