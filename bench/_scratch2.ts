import { createWorld } from '../test/helpers/world.js';
import { Client, GatewayIntentBits } from 'discord.js';
import { benchMemberId } from './util.js';
const w = await createWorld();
for (let i = 0; i < 50; i++) w.guild.addMember({ userId: benchMemberId(i), username: `b${i}` });
const c = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers], rest: { api: w.discord.apiUrl } });
await c.login(w.discord.token);
if (!c.isReady()) await new Promise(r => c.once('ready', r));
const g = c.guilds.cache.get(w.guild.id)!;
let t = performance.now();
for (let i = 0; i < 20; i++) { const m = await g.members.fetch(benchMemberId(i)); t = performance.now(); await m.edit({ roles: [w.roles.badge.id], reason: 'x' }); console.log('edit', (performance.now() - t).toFixed(1)); }
t = performance.now();
await Promise.all(Array.from({length: 20}, async (_, i) => { const m = g.members.cache.get(benchMemberId(i + 20)) ?? await g.members.fetch(benchMemberId(i+20)); await m.edit({ roles: [w.roles.pass.id], reason: 'x' }); }));
console.log('20 parallel', (performance.now() - t).toFixed(1));
const r = w.discord.requests.filter(x => x.method === 'PATCH').slice(-3); console.log(r.map(x => x.status));
await c.destroy(); await w.close();
