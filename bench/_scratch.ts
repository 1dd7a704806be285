import { measureRequests } from './requests.js';
import { measureUpdateAll } from './update-all.js';
import { renderTable } from './report.js';
let t = Date.now();
const r = await measureRequests({ members: 200, bindings: 50 });
console.log(renderTable(r.figures), Date.now() - t);
t = Date.now();
const u = await measureUpdateAll({ members: 300, rate: { limit: 100, windowMs: 1000 } });
console.log(renderTable(u.figures), Date.now() - t);
