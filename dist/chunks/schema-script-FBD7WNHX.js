import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as p,c as l}from"./chunk-DRYGFQDV.js";import{b as f}from"./chunk-IX2EAKMI.js";import{a as m}from"./chunk-ZGYTNL7J.js";import{c as s,d as a,i as r}from"./chunk-HR2DRUW7.js";import{b as h}from"./chunk-5VGWJ33G.js";import{a as i}from"./chunk-RYTIUBPP.js";var P=i(async({url:u,name:S,text:w})=>{let $=w.replace(/^\\[a-zA-Z].*$/gm,""),n=new f.Client({connectionString:u});try{await n.connect()}catch(t){throw new a(`cannot connect to the models database: ${r(t)}`,{cause:t})}try{for(let t of m($,h))try{await n.query(t.sql)}catch(o){let c=o,e=c.position?p(t.sql,Number(c.position)-1):{line:1,column:0},g=`${t.line+e.line-1}${e.column?`:${e.column}`:""}`;throw new s(`--models ${S}:${g}: ${r(o)}`,{cause:o,hint:l(r(o))})}}finally{await n.end().catch(()=>{})}},"runPostgresScript");export{P as runPostgresScript};
