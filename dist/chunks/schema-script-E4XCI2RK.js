import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{b as f,c as S}from"./chunk-DRYGFQDV.js";import{a as p}from"./chunk-ZGYTNL7J.js";import{c as a,d as l,i as n}from"./chunk-HR2DRUW7.js";import{a as m}from"./chunk-5VGWJ33G.js";import{s as E}from"./chunk-RA4F27XP.js";import"./chunk-VD6HVRXQ.js";import{a as i,d as $}from"./chunk-RYTIUBPP.js";var h=$(E(),1);var M=i(async({url:y,name:o,text:u,log:q})=>{let t;try{t=await h.default.createConnection({uri:y})}catch(r){throw new l(`cannot connect to the models database: ${n(r)}`,{cause:r})}try{for(let r of p(u,m)){if(/^(USE\s|CREATE\s+(DATABASE|SCHEMA)\b)/i.test(r.sql)){q.warn(`${o}:${r.line}: skipped \`${f(r.sql)}\``);continue}try{await t.query(r.sql)}catch(s){let e=n(s).replace(/\s*\n\s*/g," "),c=/at line (\d+)\s*$/.exec(e),w=r.line+(c?Number(c[1])-1:0);throw new a(`--models ${o}:${w}: ${e}`,{cause:s,hint:S(e)})}}}finally{await t.end().catch(()=>{})}},"runMysqlScript");export{M as runMysqlScript};
