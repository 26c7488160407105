import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as $,b as g,e as F,f as K,g as D,h as A,i as k,j as v,k as j,l as z,m as J,n as P,o as Q,p as H,q as W,r as G,s as y,t as C,u as M,v as T,w as x,x as _}from"./chunk-BLUUZ4YV.js";import{b as p,c as h,e as E,f as I,g as q,h as S}from"./chunk-WX3A2COP.js";import{a as l}from"./chunk-RYTIUBPP.js";function Y(e){let t=e.replace(/[^A-Za-z0-9._:/@+=,-]+/g,"_").replace(/-{2,}/g,"-").slice(0,200);return t===""?"default":t}l(Y,"sanitizeConfigKey");function O(e){return`<!-- schemagate:${Y(e)} -->`}l(O,"commentMarker");var Z={fail:3,warn:2,pass:1,"not-run":0};function V(e){return e.results.flatMap(n=>n.m?[n.m]:[]).reduce((n,s)=>Z[s.status]>Z[n.status]?s:n)}l(V,"worst");function X(e){let t=[];for(let n of e.engines)for(let s of n.migrations)t.includes(s.id)||t.push(s.id);return t.map(n=>({id:n,results:e.engines.map(s=>({engine:s,m:s.migrations.find(o=>o.id===n)??null}))}))}l(X,"migrationsAcross");function R(e,t,n){let s=e.results.map(r=>({label:g(r.engine),text:r.m?t(r.m).join(`

`):""})),o=s.filter(r=>r.text!=="");return o.length===0?[]:o.length===s.length&&o.every(r=>r.text===o[0].text)?[n?`${n}

${o[0].text}`:o[0].text]:o.map(r=>`*On ${r.label}:*

${r.text}`)}l(R,"perEngine");function me(e){let t=[];for(let s of e.results)for(let o of s.m?.checks??[])t.includes(o.check)||t.push(o.check);let n=t.map(s=>[p(z(s)),...e.results.map(o=>{let r=o.m?.checks.find(c=>c.check===s);if(!r)return"\u2796";let f=J(r,300,!0);return`${$(r.status)} ${p(r.status,20)}${f?`<br>${f}`:""}`})]);return I(["Check",...e.results.map(s=>g(s.engine))],["l",...e.results.map(()=>"l")],n)}l(me,"checksTable");function B(e,t){let n=V(e),s=n.file&&n.file!==n.name?`

${h(n.file)}`:"",o=[`#### ${$(n.status)} ${h(n.name)}${n.changed?"":" *(unchanged)*"}${s}`,me(e),...R(e,W,null),...R(e,r=>P(r,t.statement),null)];return t.sql>0&&(o.push(...R(e,r=>H(r,t.statement),null)),o.push(...R(e,r=>Q(r,t.sql),null))),o.push(...R(e,r=>G(r,t.differences,t.value),"*On every engine:*")),o.join(`

`)}l(B,"acrossSection");function w(e,t){let n=e.results.filter(o=>o.m&&(o.m.status==="fail"||o.m.status==="warn")).map(o=>g(o.engine)),s=n.length===e.results.length?"every engine":n.join(", ");return`${x(V(e),t)}${n.length>0?` \xB7 on ${s}`:""}`}l(w,"acrossLine");var u=l(e=>({text:e,required:!0,priority:0}),"req"),d=l((e,t)=>({text:e,required:!1,priority:t}),"opt"),te=l(e=>e.length,"characters"),se=l(e=>Buffer.byteLength(e,"utf8"),"utf8Bytes"),N=`

`;function ee(e,t){let n=e.filter(s=>s.text!=="");return n.reduce((s,o)=>s+t(o.text),0)+N.length*Math.max(0,n.length-1)}l(ee,"size");function ne(e){return`${e.map(t=>t.text).filter(t=>t!=="").join(N)}
`}l(ne,"join");function re(e,t,n){if(ee(e,n)+1<=t)return{text:ne(e),dropped:0};let s=new Set(e.filter(c=>c.required)),o=ee([...s],n)+1;if(o>t)return null;let r=e.map((c,m)=>({block:c,order:m})).filter(({block:c})=>!c.required&&c.text!=="").sort((c,m)=>c.block.priority-m.block.priority||c.order-m.order),f=0;for(let{block:c}of r){let m=n(c.text)+N.length;o+m<=t?(s.add(c),o+=m):f++}return{text:ne(e.filter(c=>s.has(c))),dropped:f}}l(re,"fitBlocks");function oe(e,t,n,s){let o=e.split(`
`),r=[],f=0,c=n(s(o.length))+2;for(let[m,i]of o.entries()){let a=n(i)+1;if(f+a+c>t){let b=o.slice(m).filter(ae=>ae.startsWith("- ")).length;r.push("",s(b));break}r.push(i),f+=a}return`${r.join(`
`).replace(/\n+$/,"")}
`}l(oe,"cutLines");var ge=65536,pe=1024*1024;function he(e){return e.mode==="comment"?`> [!NOTE]
> Shortened to fit GitHub's 65,536-character comment limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the ${q("job summary",e.runUrl)}.`:"> [!NOTE]\n> Shortened to fit the 1 MiB job summary limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the JSON file of the action's `report` output."}l(he,"notice");function ie(e,t){let n=e.file?` \xB7 ${h(e.file,200)}`:e.migration?` \xB7 ${h(e.migration,200)}`:"";return`- ${$(e.severity==="error"?"fail":"warn")} **${p(e.kind,80)}**${n}: ${p(e.message,t)}`}l(ie,"findingLine");function U(e,t,n){if(e.length===0)return[];let s=[1e3,400,200,120][n.level],o=e.filter(c=>c.severity==="error").map(c=>ie(c,s)),r=e.filter(c=>c.severity!=="error").map(c=>ie(c,s)),f=[u(`#### ${t}`)];return o.length>0&&f.push(u(o.join(`
`))),r.length>0&&f.push(n.level===0?u(r.join(`
`)):d(r.join(`
`),n.level===1?2:5)),f}l(U,"findingBlocks");var L=l(e=>e.status==="fail"||e.status==="warn","isProblem");function de(e,t){return t.level===0?[u(M(e,y))]:L(e)?t.level===1?[u(M(e,C)),d(T(e,6e3),1)]:[u(x(e,t.level===2?240:0))]:t.level===1?[d(M(e,{...y,sql:6e3,differences:20}),3)]:[]}l(de,"migrationBlocks");function ce(e,t){let n=e.drift;if(!n)return[];let s=j(g(e),n);return n.differences.length===0?[u(s)]:t.level===0?[u(`${s}

${k(n.differences,500)}`),u(v(n.sql,1e5))]:t.level===1?[u(`${s}

${k(n.differences,25,160)}`),d(v(n.sql,8e3),2)]:t.level===2?[u(`${s}

${k(n.differences,5,100)}`)]:[u(s)]}l(ce,"driftBlocks");function $e(e,t){let n=[u(`### ${$(e.status)} ${g(e)}`)];e.error&&n.push(u(`> [!CAUTION]
> Not checked: ${p(e.error,1e3)}`));let s=e.migrations.filter(r=>r.status!=="not-run"&&(t.mode==="summary"||r.changed||L(r)));if(t.level===3){let r=s.filter(L).map(f=>x(f,0));r.length>0&&n.push(u(r.join(`
`)))}else for(let r of s)n.push(...de(r,t));let o=_(e.migrations.filter(r=>r.status==="not-run"));return o&&n.push(u(o)),n.push(...ce(e,t)),n.push(...U(e.findings,`Findings on ${g(e)}`,t)),n}l($e,"engineBlocks");function ke(e,t){let n=[];for(let i of e.engines)i.error&&n.push(u(`> [!CAUTION]
> ${g(i)} not checked: ${p(i.error,1e3)}`));let s=l(i=>i.results.some(a=>a.m!==null&&L(a.m)),"problem"),o=X(e).filter(i=>i.results.some(a=>a.m!==null&&a.m.status!=="not-run")&&(t.mode==="summary"||i.results.some(a=>a.m?.changed)||s(i)));if(t.level===3){let i=o.filter(s).map(a=>w(a,0));i.length>0&&n.push(u(i.join(`
`)))}else for(let i of o)t.level===0?n.push(u(B(i,y))):s(i)?t.level===1?n.push(u(B(i,C))):n.push(u(w(i,240))):t.level===1&&n.push(d(B(i,{...y,sql:6e3,differences:20}),3));let r=e.engines.map(i=>_(i.migrations.filter(a=>a.status==="not-run")));r[0]&&r.every(i=>i===r[0])?n.push(u(`*On every engine:* ${r[0]}`)):e.engines.forEach((i,a)=>{r[a]&&n.push(u(`*On ${g(i)}:* ${r[a]}`))});let f=e.engines.map(i=>i.drift),c=f[0];if(c!=null&&c.differences.length>0&&f.every(i=>i!=null&&i.status===c.status&&JSON.stringify(i.differences)===JSON.stringify(c.differences))){let i=j("every engine",c),a=[500,25,5,0][t.level];if(n.push(u(a>0?`${i}

${k(c.differences,a,160)}`:i)),t.level<2)for(let b of e.engines)n.push(d(`*On ${g(b)}:*

${v(b.drift.sql,t.level===0?1e5:8e3)}`,2))}else for(let i of e.engines)n.push(...ce(i,t));for(let i of e.engines)n.push(...U(i.findings,`Findings on ${g(i)}`,t));return n}l(ke,"acrossBlocks");function ye(e,t){let n=[];return t.runUrl&&n.push(q("Workflow run",t.runUrl)),e.pullRequest?.headSha&&n.push(`commit ${h(e.pullRequest.headSha.slice(0,7))}`),t.mode==="comment"&&n.push("full report in the job summary"),n.push("schemagate"),`---
<sub>${n.join(" \xB7 ")}</sub>`}l(ye,"footer");function ue(e){return(e.notes??[]).map(t=>u(`\u2139\uFE0F ${p(t,1e3)}`))}l(ue,"noteBlocks");function xe(e){let t=[u(A(e)),...ue(e)];for(let n of e.engines)n.drift&&t.push(u(`\u2705 No drift on ${g(n)} against the models built from ${h(n.drift.source,300)}.`));for(let n of e.engines){let s=n.migrations.filter(f=>f.changed&&f.sql.up.length+f.sql.down.length>0);if(s.length===0)continue;let o=s.map(f=>`**${h(f.name)}**

${T(f,8e3)}`).join(`

`),r=`SQL of the ${S(s.length,"migration")} this pull request adds or changes \xB7 ${g(n)}`;t.push(d(E(r,o),1))}return t}l(xe,"briefBlocks");function le(e,t,n){let s=[];if(t.mode==="comment"&&s.push(u(O(n??e.configKey??"default"))),s.push(u(`### ${K(e)}`)),t.level>0&&s.push(u(he(t))),t.mode==="comment"&&F(e))s.push(...xe(e));else{if(s.push(u(`${D(e)}

${A(e)}`)),s.push(...ue(e)),e.engines.length>1)s.push(...ke(e,t));else for(let o of e.engines)s.push(...$e(o,t));s.push(...U(e.findings,"Findings",t))}return s.push(u(ye(e,t))),s}l(le,"blocksAt");function fe(e,t,n,s,o){let r=o.runUrl??e.pullRequest?.runUrl??null;for(let m of[0,1,2,3]){let i=re(le(e,{mode:t,level:m,runUrl:r},o.configKey),n,s);if(i)return i.text}let c=le(e,{mode:t,level:3,runUrl:r},o.configKey).map(m=>m.text).join(`

`);return oe(c,n,s,m=>`\u2026and ${S(m,"more failure")}: see the job summary.`)}l(fe,"render");function Ue(e,t={},n=ge){return fe(e,"comment",n,te,t)}l(Ue,"renderComment");function Ee(e,t=pe){return fe(e,"summary",t,se,{})}l(Ee,"renderSummary");export{Y as a,O as b,ge as c,pe as d,Ue as e,Ee as f};
