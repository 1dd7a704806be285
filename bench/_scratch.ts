import { measureUpdateAll } from './update-all.js';
import { renderTable } from './report.js';
const n = Number(process.argv[2] ?? 300);
const t = Date.now();
const u = await measureUpdateAll({ members: n, rate: { limit: 100, windowMs: 1000 } });
console.log(renderTable(u.figures), Date.now() - t, u.elapsedMs);
