import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{l as c,m as g}from"./chunk-NFPVEB4L.js";import"./chunk-7WR63IIG.js";import"./chunk-URFOBGPS.js";import"./chunk-WX3A2COP.js";import"./chunk-CMNKDX67.js";import{a as o}from"./chunk-RYTIUBPP.js";function l(i,s){let n=i.replace(/^\.?\/*|\/+$/g,"");return n===""||n==="."?s:`${n}/${s}`}o(l,"repoPath");function m(i){return i.replace(/&#8203;/g,"").replace(/&#(\d+);/g,(s,n)=>String.fromCharCode(Number(n))).replace(/&lt;/g,"<").replace(/&gt;/g,">").replace(/&amp;/g,"&")}o(m,"plain");function h(i,s){let n=new Map;for(let e of i.engines)for(let t of e.migrations){if(t.status!=="fail")continue;let r=n.get(t.file)??{name:t.name,lines:[]};for(let a of t.checks.filter(p=>p.status==="fail"))r.lines.push(`${e.engine} ${e.version}: ${c(a.check)} failed${g(a)?`: ${m(g(a))}`:""}`);n.set(t.file,r)}let f=[...n].map(([e,{name:t,lines:r}])=>({message:r.join(`
`),props:{title:`schemagate: migration ${t} failed`,file:l(s,e)}}));for(let e of[...i.findings,...i.engines.flatMap(t=>t.findings)])e.severity!=="error"||!e.file||f.push({message:e.message,props:{title:`schemagate: ${e.kind}`,file:l(s,e.file)}});return f}o(h,"annotations");export{h as annotations,l as repoPath};
