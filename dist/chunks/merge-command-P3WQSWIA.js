import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as f}from"./chunk-DZKJRDBD.js";import"./chunk-RPPXMIL2.js";import"./chunk-RUKEOOYI.js";import"./chunk-QTG3BOKG.js";import{a as l,b as h}from"./chunk-SNXQZOHA.js";import{a}from"./chunk-GKC6SEG5.js";import"./chunk-7WR63IIG.js";import"./chunk-URFOBGPS.js";import"./chunk-SPJCFZEU.js";import"./chunk-WX3A2COP.js";import"./chunk-CMNKDX67.js";import{b as i}from"./chunk-HR2DRUW7.js";import"./chunk-5VGWJ33G.js";import{a as s}from"./chunk-RYTIUBPP.js";import{mkdir as y,writeFile as k}from"node:fs/promises";import d from"node:path";import{parseArgs as v}from"node:util";var b=`Usage: schemagate merge REPORT... [flags]

Joins the reports of a CI matrix's legs (schemagate check --json FILE, or the Action's 'report'
output) into one report with one verdict: legs of other engines or versions become one engine
section each; the N shards of one engine (--shard I/N) are joined into what one job checking the
whole history finds. Every report is untrusted input, validated as schemagate comment validates it.

  --json FILE       write the merged report as JSON (schemagate comment --report posts it)
  --markdown FILE   write the PR comment body as markdown
  --fail-on KINDS   which problems fail, as check's --fail-on (default: every failed check);
                    give the legs' own value
  --key KEY         the comment's configuration key (default: <working directory>:merged)
  --quiet           print nothing but errors
Exit codes: 0 pass, 1 a check failed, 2 the reports cannot be read or do not join.`;async function x(o,t){let c;try{c=E(o)}catch(r){throw new i(`${r.message.replace(/\. To specify.*$/s,"")}: run schemagate merge --help`)}let{values:e,positionals:p}=c;if(e.help)return t.out(b),0;if(p.length===0)throw new i("no report to merge: run schemagate merge --help");let g=new Set(l);if(e["fail-on"]!==void 0){let r=h(e["fail-on"]);if("error"in r)throw new i(`--fail-on: ${r.error}`);g=r.kinds}let{report:n,reasons:w}=await f(p,{failOn:g,configKey:e.key??null},t.secrets),m=s(r=>t.secrets.mask(r),"masked");e.quiet||t.out(m(await a("console",n,{verbosity:"normal"}))),e.json&&await u(e.json,m(await a("json",n))),e.markdown&&await u(e.markdown,m(await a("markdown",n)));for(let r of w)t.log.debug(r.message);return n.status==="pass"?0:1}s(x,"mergeCommand");function E(o){return v({args:o,strict:!0,allowPositionals:!0,options:{json:{type:"string"},markdown:{type:"string"},"fail-on":{type:"string"},key:{type:"string"},quiet:{type:"boolean"},verbose:{type:"boolean"},help:{type:"boolean",short:"h"}}})}s(E,"parse");async function u(o,t){await y(d.dirname(d.resolve(o)),{recursive:!0}),await k(o,t)}s(u,"writeOut");export{b as MERGE_HELP,x as mergeCommand};
