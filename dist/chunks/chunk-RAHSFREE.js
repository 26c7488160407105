import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as y,b as p,e as T,f as _,g as U,h as b,i as h,j as R,k as I,n as B,o as w,p as k,q as M,r as v,s as A}from"./chunk-3XQU6FVK.js";import{b as d,c as a,e as C,g as x,h as $}from"./chunk-WX3A2COP.js";import{a as i}from"./chunk-RYTIUBPP.js";function E(e){let n=e.replace(/[^A-Za-z0-9._:/@+=,-]+/g,"_").replace(/-{2,}/g,"-").slice(0,200);return n===""?"default":n}i(E,"sanitizeConfigKey");function L(e){return`<!-- schemagate:${E(e)} -->`}i(L,"commentMarker");var l=i(e=>({text:e,required:!0,priority:0}),"req"),m=i((e,n)=>({text:e,required:!1,priority:n}),"opt"),F=i(e=>e.length,"characters"),K=i(e=>Buffer.byteLength(e,"utf8"),"utf8Bytes"),q=`

`;function N(e,n){let t=e.filter(r=>r.text!=="");return t.reduce((r,u)=>r+n(u.text),0)+q.length*Math.max(0,t.length-1)}i(N,"size");function O(e){return`${e.map(n=>n.text).filter(n=>n!=="").join(q)}
`}i(O,"join");function z(e,n,t){if(N(e,t)+1<=n)return{text:O(e),dropped:0};let r=new Set(e.filter(o=>o.required)),u=N([...r],t)+1;if(u>n)return null;let s=e.map((o,f)=>({block:o,order:f})).filter(({block:o})=>!o.required&&o.text!=="").sort((o,f)=>o.block.priority-f.block.priority||o.order-f.order),c=0;for(let{block:o}of s){let f=t(o.text)+q.length;u+f<=n?(r.add(o),u+=f):c++}return{text:O(e.filter(o=>r.has(o))),dropped:c}}i(z,"fitBlocks");function P(e,n,t,r){let u=e.split(`
`),s=[],c=0,o=t(r(u.length))+2;for(let[f,g]of u.entries()){let j=t(g)+1;if(c+j+o>n){let G=u.slice(f).filter(J=>J.startsWith("- ")).length;s.push("",r(G));break}s.push(g),c+=j}return`${s.join(`
`).replace(/\n+$/,"")}
`}i(P,"cutLines");var Y=65536,Z=1024*1024;function V(e){return e.mode==="comment"?`> [!NOTE]
> Shortened to fit GitHub's 65,536-character comment limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the ${x("job summary",e.runUrl)}.`:"> [!NOTE]\n> Shortened to fit the 1 MiB job summary limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the JSON file of the action's `report` output."}i(V,"notice");function Q(e,n){let t=e.file?` \xB7 ${a(e.file,200)}`:e.migration?` \xB7 ${a(e.migration,200)}`:"";return`- ${y(e.severity==="error"?"fail":"warn")} **${d(e.kind,80)}**${t}: ${d(e.message,n)}`}i(Q,"findingLine");function W(e,n,t){if(e.length===0)return[];let r=[1e3,400,200,120][t.level],u=e.filter(o=>o.severity==="error").map(o=>Q(o,r)),s=e.filter(o=>o.severity!=="error").map(o=>Q(o,r)),c=[l(`#### ${n}`)];return u.length>0&&c.push(l(u.join(`
`))),s.length>0&&c.push(t.level===0?l(s.join(`
`)):m(s.join(`
`),t.level===1?2:5)),c}i(W,"findingBlocks");var S=i(e=>e.status==="fail"||e.status==="warn","isProblem");function X(e,n){return n.level===0?[l(k(e,B))]:S(e)?n.level===1?[l(k(e,w)),m(M(e,6e3),1)]:[l(v(e,n.level===2?240:0))]:n.level===1?[m(k(e,{...B,sql:6e3,differences:20}),3)]:[]}i(X,"migrationBlocks");function ee(e,n){let t=e.drift;if(!t)return[];let r=I(p(e),t);return t.differences.length===0?[l(r)]:n.level===0?[l(`${r}

${h(t.differences,500)}`),l(R(t.sql,1e5))]:n.level===1?[l(`${r}

${h(t.differences,25,160)}`),m(R(t.sql,8e3),2)]:n.level===2?[l(`${r}

${h(t.differences,5,100)}`)]:[l(r)]}i(ee,"driftBlocks");function ne(e,n){let t=[l(`### ${y(e.status)} ${p(e)}`)];e.error&&t.push(l(`> [!CAUTION]
> Not checked: ${d(e.error,1e3)}`));let r=e.migrations.filter(s=>s.status!=="not-run"&&(n.mode==="summary"||s.changed||S(s)));if(n.level===3){let s=r.filter(S).map(c=>v(c,0));s.length>0&&t.push(l(s.join(`
`)))}else for(let s of r)t.push(...X(s,n));let u=A(e.migrations.filter(s=>s.status==="not-run"));return u&&t.push(l(u)),t.push(...ee(e,n)),t.push(...W(e.findings,`Findings on ${p(e)}`,n)),t}i(ne,"engineBlocks");function te(e,n){let t=[];return n.runUrl&&t.push(x("Workflow run",n.runUrl)),e.pullRequest?.headSha&&t.push(`commit ${a(e.pullRequest.headSha.slice(0,7))}`),n.mode==="comment"&&t.push("full report in the job summary"),t.push("schemagate"),`---
<sub>${t.join(" \xB7 ")}</sub>`}i(te,"footer");function re(e){let n=[l(b(e))];for(let t of e.engines)t.drift&&n.push(l(`\u2705 No drift on ${p(t)} against the models built from ${a(t.drift.source,300)}.`));for(let t of e.engines){let r=t.migrations.filter(c=>c.changed&&c.sql.up.length+c.sql.down.length>0);if(r.length===0)continue;let u=r.map(c=>`**${a(c.name)}**

${M(c,8e3)}`).join(`

`),s=`SQL of the ${$(r.length,"migration")} this pull request adds or changes \xB7 ${p(t)}`;n.push(m(C(s,u),1))}return n}i(re,"briefBlocks");function H(e,n,t){let r=[];if(n.mode==="comment"&&r.push(l(L(t??e.configKey??"default"))),r.push(l(`### ${_(e)}`)),n.level>0&&r.push(l(V(n))),n.mode==="comment"&&T(e))r.push(...re(e));else{r.push(l(`${U(e)}

${b(e)}`));for(let u of e.engines)r.push(...ne(u,n));r.push(...W(e.findings,"Findings",n))}return r.push(l(te(e,n))),r}i(H,"blocksAt");function D(e,n,t,r,u){let s=u.runUrl??e.pullRequest?.runUrl??null;for(let f of[0,1,2,3]){let g=z(H(e,{mode:n,level:f,runUrl:s},u.configKey),t,r);if(g)return g.text}let o=H(e,{mode:n,level:3,runUrl:s},u.configKey).map(f=>f.text).join(`

`);return P(o,t,r,f=>`\u2026and ${$(f,"more failure")}: see the job summary.`)}i(D,"render");function ge(e,n={},t=Y){return D(e,"comment",t,F,n)}i(ge,"renderComment");function de(e,n=Z){return D(e,"summary",n,K,{})}i(de,"renderSummary");export{E as a,L as b,Y as c,Z as d,ge as e,de as f};
