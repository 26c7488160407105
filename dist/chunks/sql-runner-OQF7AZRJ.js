import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{b as A}from"./chunk-IX2EAKMI.js";import{b as R}from"./chunk-QBA74ZMK.js";import{b as a}from"./chunk-ZGYTNL7J.js";import"./chunk-HR2DRUW7.js";import{b as i}from"./chunk-5VGWJ33G.js";import{a as T}from"./chunk-RYTIUBPP.js";var N=/^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b/i,C=/^((CREATE|DROP)\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY|REINDEX\b.*\bCONCURRENTLY|VACUUM|(CREATE|DROP)\s+(DATABASE|TABLESPACE)|ALTER\s+SYSTEM|DETACH\s+PARTITION\b.*\bCONCURRENTLY|ALTER\s+TABLE\b.*\bDETACH\s+PARTITION\b.*\bCONCURRENTLY)/is;async function l(E){let n=new A.Client({connectionString:E});return await n.connect(),n.on("error",()=>{}),{async run(r){let e=a(r,i),s=r.transaction&&!e.some(t=>N.test(t.sql)||C.test(t.sql)),o=[];s&&await n.query("BEGIN");try{for(let t of e){o.push(t.sql);try{await n.query(t.sql)}catch(c){throw R(c,t.sql,r,r.line+t.line-1)}}s&&await n.query("COMMIT")}catch(t){throw s&&await n.query("ROLLBACK").catch(()=>{}),t}return{statements:o}},async close(){await n.end()}}}T(l,"openPostgresRunner");export{l as openPostgresRunner};
