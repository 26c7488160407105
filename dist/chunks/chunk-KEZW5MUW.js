import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as y,b as p,e as T,f as _,g as U,h as b,i as h,j as B,k as I,n as R,o as w,p as k,q as M,r as v,s as A}from"./chunk-FGBM3BHU.js";import{b as d,c as a,e as C,g as $,h as x}from"./chunk-WX3A2COP.js";import{a as o}from"./chunk-RYTIUBPP.js";function E(e){let n=e.replace(/[^A-Za-z0-9._:/@+=,-]+/g,"_").replace(/-{2,}/g,"-").slice(0,200);return n===""?"default":n}o(E,"sanitizeConfigKey");function L(e){return`<!-- schemagate:${E(e)} -->`}o(L,"commentMarker");var l=o(e=>({text:e,required:!0,priority:0}),"req"),m=o((e,n)=>({text:e,required:!1,priority:n}),"opt"),F=o(e=>e.length,"characters"),K=o(e=>Buffer.byteLength(e,"utf8"),"utf8Bytes"),q=`

`;function N(e,n){let t=e.filter(r=>r.text!=="");return t.reduce((r,u)=>r+n(u.text),0)+q.length*Math.max(0,t.length-1)}o(N,"size");function O(e){return`${e.map(n=>n.text).filter(n=>n!=="").join(q)}
`}o(O,"join");function z(e,n,t){if(N(e,t)+1<=n)return{text:O(e),dropped:0};let r=new Set(e.filter(i=>i.required)),u=N([...r],t)+1;if(u>n)return null;let s=e.map((i,f)=>({block:i,order:f})).filter(({block:i})=>!i.required&&i.text!=="").sort((i,f)=>i.block.priority-f.block.priority||i.order-f.order),c=0;for(let{block:i}of s){let f=t(i.text)+q.length;u+f<=n?(r.add(i),u+=f):c++}return{text:O(e.filter(i=>r.has(i))),dropped:c}}o(z,"fitBlocks");function P(e,n,t,r){let u=e.split(`
`),s=[],c=0,i=t(r(u.length))+2;for(let[f,g]of u.entries()){let j=t(g)+1;if(c+j+i>n){let J=u.slice(f).filter(Y=>Y.startsWith("- ")).length;s.push("",r(J));break}s.push(g),c+=j}return`${s.join(`
`).replace(/\n+$/,"")}
`}o(P,"cutLines");var Z=65536,V=1024*1024;function X(e){return e.mode==="comment"?`> [!NOTE]
> Shortened to fit GitHub's 65,536-character comment limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the ${$("job summary",e.runUrl)}.`:"> [!NOTE]\n> Shortened to fit the 1 MiB job summary limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the JSON file of the action's `report` output."}o(X,"notice");function Q(e,n){let t=e.file?` \xB7 ${a(e.file,200)}`:e.migration?` \xB7 ${a(e.migration,200)}`:"";return`- ${y(e.severity==="error"?"fail":"warn")} **${d(e.kind,80)}**${t}: ${d(e.message,n)}`}o(Q,"findingLine");function W(e,n,t){if(e.length===0)return[];let r=[1e3,400,200,120][t.level],u=e.filter(i=>i.severity==="error").map(i=>Q(i,r)),s=e.filter(i=>i.severity!=="error").map(i=>Q(i,r)),c=[l(`#### ${n}`)];return u.length>0&&c.push(l(u.join(`
`))),s.length>0&&c.push(t.level===0?l(s.join(`
`)):m(s.join(`
`),t.level===1?2:5)),c}o(W,"findingBlocks");var S=o(e=>e.status==="fail"||e.status==="warn","isProblem");function ee(e,n){return n.level===0?[l(k(e,R))]:S(e)?n.level===1?[l(k(e,w)),m(M(e,6e3),1)]:[l(v(e,n.level===2?240:0))]:n.level===1?[m(k(e,{...R,sql:6e3,differences:20}),3)]:[]}o(ee,"migrationBlocks");function ne(e,n){let t=e.drift;if(!t)return[];let r=I(p(e),t);return t.differences.length===0?[l(r)]:n.level===0?[l(`${r}

${h(t.differences,500)}`),l(B(t.sql,1e5))]:n.level===1?[l(`${r}

${h(t.differences,25,160)}`),m(B(t.sql,8e3),2)]:n.level===2?[l(`${r}

${h(t.differences,5,100)}`)]:[l(r)]}o(ne,"driftBlocks");function te(e,n){let t=[l(`### ${y(e.status)} ${p(e)}`)];e.error&&t.push(l(`> [!CAUTION]
> Not checked: ${d(e.error,1e3)}`));let r=e.migrations.filter(s=>s.status!=="not-run"&&(n.mode==="summary"||s.changed||S(s)));if(n.level===3){let s=r.filter(S).map(c=>v(c,0));s.length>0&&t.push(l(s.join(`
`)))}else for(let s of r)t.push(...ee(s,n));let u=A(e.migrations.filter(s=>s.status==="not-run"));return u&&t.push(l(u)),t.push(...ne(e,n)),t.push(...W(e.findings,`Findings on ${p(e)}`,n)),t}o(te,"engineBlocks");function re(e,n){let t=[];return n.runUrl&&t.push($("Workflow run",n.runUrl)),e.pullRequest?.headSha&&t.push(`commit ${a(e.pullRequest.headSha.slice(0,7))}`),n.mode==="comment"&&t.push("full report in the job summary"),t.push("schemagate"),`---
<sub>${t.join(" \xB7 ")}</sub>`}o(re,"footer");function D(e){return(e.notes??[]).map(n=>l(`\u2139\uFE0F ${d(n,1e3)}`))}o(D,"noteBlocks");function oe(e){let n=[l(b(e)),...D(e)];for(let t of e.engines)t.drift&&n.push(l(`\u2705 No drift on ${p(t)} against the models built from ${a(t.drift.source,300)}.`));for(let t of e.engines){let r=t.migrations.filter(c=>c.changed&&c.sql.up.length+c.sql.down.length>0);if(r.length===0)continue;let u=r.map(c=>`**${a(c.name)}**

${M(c,8e3)}`).join(`

`),s=`SQL of the ${x(r.length,"migration")} this pull request adds or changes \xB7 ${p(t)}`;n.push(m(C(s,u),1))}return n}o(oe,"briefBlocks");function H(e,n,t){let r=[];if(n.mode==="comment"&&r.push(l(L(t??e.configKey??"default"))),r.push(l(`### ${_(e)}`)),n.level>0&&r.push(l(X(n))),n.mode==="comment"&&T(e))r.push(...oe(e));else{r.push(l(`${U(e)}

${b(e)}`)),r.push(...D(e));for(let u of e.engines)r.push(...te(u,n));r.push(...W(e.findings,"Findings",n))}return r.push(l(re(e,n))),r}o(H,"blocksAt");function G(e,n,t,r,u){let s=u.runUrl??e.pullRequest?.runUrl??null;for(let f of[0,1,2,3]){let g=z(H(e,{mode:n,level:f,runUrl:s},u.configKey),t,r);if(g)return g.text}let i=H(e,{mode:n,level:3,runUrl:s},u.configKey).map(f=>f.text).join(`

`);return P(i,t,r,f=>`\u2026and ${x(f,"more failure")}: see the job summary.`)}o(G,"render");function de(e,n={},t=Z){return G(e,"comment",t,F,n)}o(de,"renderComment");function he(e,n=V){return G(e,"summary",n,K,{})}o(he,"renderSummary");export{E as a,L as b,Z as c,V as d,de as e,he as f};
