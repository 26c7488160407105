import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{c as s}from"./chunk-CMNKDX67.js";import{a as i}from"./chunk-RYTIUBPP.js";function o(e,n){return e==null||e===""?`no ${n}`:e}i(o,"show");function f(e){if(e.change==="added")return`${e.object}: migrations give no such ${e.kind}, models say ${o(e.after,e.kind)}`;if(e.change==="removed")return`${e.object}: migrations give ${o(e.before,e.kind)}, models say no such ${e.kind}`;let n=e.attribute??"definition";if(n==="nullable"){let t=i(r=>r==="true"?"NULL":"NOT NULL","word");return`${e.object}: nullable: migrations give ${t(e.before)}, models say ${t(e.after)}`}return`${e.object}: ${n}: migrations give ${o(e.before,n)}, models say ${o(e.after,n)}`}i(f,"describeDrift");function g(e){let n=new Map;for(let t of e){let r=`${s[t.parent.collection]} ${t.parent.key}`;n.set(r,[...n.get(r)??[],f(t)])}return[...n].map(([t,r])=>({object:t,lines:r}))}i(g,"groupDrift");export{f as a,g as b};
