import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as F,b as $,c as g,f as K,g as D,h as z,i as A,j as y,k as v,l as j,m as J,n as P,o as Q,p as H,q as W,r as G,s as Y,t as x,u as C,v as B,w as T,x as R,y as O}from"./chunk-QTG3BOKG.js";import{b as p,c as h,e as E,f as I,g as L,h as S}from"./chunk-WX3A2COP.js";import{a as l}from"./chunk-RYTIUBPP.js";function Z(e){let n=e.replace(/[^A-Za-z0-9._:/@+=,-]+/g,"_").replace(/-{2,}/g,"-").slice(0,200);return n===""?"default":n}l(Z,"sanitizeConfigKey");function _(e){return`<!-- schemagate:${Z(e)} -->`}l(_,"commentMarker");var V={fail:3,warn:2,pass:1,"not-run":0};function X(e){return e.results.flatMap(t=>t.m?[t.m]:[]).reduce((t,s)=>V[s.status]>V[t.status]?s:t)}l(X,"worst");function ee(e){let n=[];for(let t of e.engines)for(let s of t.migrations)n.includes(s.id)||n.push(s.id);return n.map(t=>({id:t,results:e.engines.map(s=>({engine:s,m:s.migrations.find(o=>o.id===t)??null}))}))}l(ee,"migrationsAcross");function k(e,n,t){let s=e.results.map(r=>({label:g(r.engine),text:r.m?n(r.m).join(`

`):""})),o=s.filter(r=>r.text!=="");return o.length===0?[]:o.length===s.length&&o.every(r=>r.text===o[0].text)?[t?`${t}

${o[0].text}`:o[0].text]:o.map(r=>`*On ${r.label}:*

${r.text}`)}l(k,"perEngine");function ge(e){let n=[];for(let s of e.results)for(let o of s.m?.checks??[])n.includes(o.check)||n.push(o.check);let t=n.map(s=>[p(J(s)),...e.results.map(o=>{let r=o.m?.checks.find(c=>c.check===s);if(!r)return"\u2796";let f=P(r,300,!0);return`${$(r.status)} ${p(r.status,20)}${f?`<br>${f}`:""}`})]);return I(["Check",...e.results.map(s=>g(s.engine))],["l",...e.results.map(()=>"l")],t)}l(ge,"checksTable");function M(e,n){let t=X(e),s=t.file&&t.file!==t.name?`

${h(t.file)}`:"",o=[`#### ${$(t.status)} ${h(t.name)}${t.changed?"":" *(unchanged)*"}${s}`,ge(e),...k(e,G,null),...k(e,r=>Q(r,n.statement),null)];return n.sql>0&&(o.push(...k(e,r=>W(r,n.statement),null)),o.push(...k(e,r=>H(r,n.sql),null))),o.push(...k(e,r=>Y(r,n.differences,n.value),"*On every engine:*")),o.push(...k(e,r=>F(r,n.sql>0?n.sql:n.statement),"*On every engine:*")),o.join(`

`)}l(M,"acrossSection");function w(e,n){let t=e.results.filter(o=>o.m&&(o.m.status==="fail"||o.m.status==="warn")).map(o=>g(o.engine)),s=t.length===e.results.length?"every engine":t.join(", ");return`${R(X(e),n)}${t.length>0?` \xB7 on ${s}`:""}`}l(w,"acrossLine");var u=l(e=>({text:e,required:!0,priority:0}),"req"),d=l((e,n)=>({text:e,required:!1,priority:n}),"opt"),se=l(e=>e.length,"characters"),re=l(e=>Buffer.byteLength(e,"utf8"),"utf8Bytes"),N=`

`;function ne(e,n){let t=e.filter(s=>s.text!=="");return t.reduce((s,o)=>s+n(o.text),0)+N.length*Math.max(0,t.length-1)}l(ne,"size");function te(e){return`${e.map(n=>n.text).filter(n=>n!=="").join(N)}
`}l(te,"join");function oe(e,n,t){if(ne(e,t)+1<=n)return{text:te(e),dropped:0};let s=new Set(e.filter(c=>c.required)),o=ne([...s],t)+1;if(o>n)return null;let r=e.map((c,m)=>({block:c,order:m})).filter(({block:c})=>!c.required&&c.text!=="").sort((c,m)=>c.block.priority-m.block.priority||c.order-m.order),f=0;for(let{block:c}of r){let m=t(c.text)+N.length;o+m<=n?(s.add(c),o+=m):f++}return{text:te(e.filter(c=>s.has(c))),dropped:f}}l(oe,"fitBlocks");function ie(e,n,t,s){let o=e.split(`
`),r=[],f=0,c=t(s(o.length))+2;for(let[m,i]of o.entries()){let a=t(i)+1;if(f+a+c>n){let b=o.slice(m).filter(me=>me.startsWith("- ")).length;r.push("",s(b));break}r.push(i),f+=a}return`${r.join(`
`).replace(/\n+$/,"")}
`}l(ie,"cutLines");var pe=65536,he=1024*1024;function de(e){return e.mode==="comment"?`> [!NOTE]
> Shortened to fit GitHub's 65,536-character comment limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the ${L("job summary",e.runUrl)}.`:"> [!NOTE]\n> Shortened to fit the 1 MiB job summary limit: every failure is listed, but some SQL, differences or passing migrations are not. The full report is in the JSON file of the action's `report` output."}l(de,"notice");function le(e,n){let t=e.file?` \xB7 ${h(e.file,200)}`:e.migration?` \xB7 ${h(e.migration,200)}`:"";return`- ${$(e.severity==="error"?"fail":"warn")} **${p(e.kind,80)}**${t}: ${p(e.message,n)}`}l(le,"findingLine");function U(e,n,t){if(e.length===0)return[];let s=[1e3,400,200,120][t.level],o=e.filter(c=>c.severity==="error").map(c=>le(c,s)),r=e.filter(c=>c.severity!=="error").map(c=>le(c,s)),f=[u(`#### ${n}`)];return o.length>0&&f.push(u(o.join(`
`))),r.length>0&&f.push(t.level===0?u(r.join(`
`)):d(r.join(`
`),t.level===1?2:5)),f}l(U,"findingBlocks");var q=l(e=>e.status==="fail"||e.status==="warn","isProblem");function $e(e,n){return n.level===0?[u(B(e,x))]:q(e)?n.level===1?[u(B(e,C)),d(T(e,6e3),1)]:[u(R(e,n.level===2?240:0))]:n.level===1?[d(B(e,{...x,sql:6e3,differences:20}),3)]:[]}l($e,"migrationBlocks");function ue(e,n){let t=e.drift;if(!t)return[];let s=j(g(e),t);return t.differences.length===0?[u(s)]:n.level===0?[u(`${s}

${y(t.differences,500)}`),u(v(t.sql,1e5))]:n.level===1?[u(`${s}

${y(t.differences,25,160)}`),d(v(t.sql,8e3),2)]:n.level===2?[u(`${s}

${y(t.differences,5,100)}`)]:[u(s)]}l(ue,"driftBlocks");function ke(e,n){let t=[u(`### ${$(e.status)} ${g(e)}`)];e.error&&t.push(u(`> [!CAUTION]
> Not checked: ${p(e.error,1e3)}`));let s=e.migrations.filter(r=>r.status!=="not-run"&&(n.mode==="summary"||r.changed||q(r)));if(n.level===3){let r=s.filter(q).map(f=>R(f,0));r.length>0&&t.push(u(r.join(`
`)))}else for(let r of s)t.push(...$e(r,n));let o=O(e.migrations.filter(r=>r.status==="not-run"));return o&&t.push(u(o)),t.push(...ue(e,n)),t.push(...U(e.findings,`Findings on ${g(e)}`,n)),t}l(ke,"engineBlocks");function ye(e,n){let t=[];for(let i of e.engines)i.error&&t.push(u(`> [!CAUTION]
> ${g(i)} not checked: ${p(i.error,1e3)}`));let s=l(i=>i.results.some(a=>a.m!==null&&q(a.m)),"problem"),o=ee(e).filter(i=>i.results.some(a=>a.m!==null&&a.m.status!=="not-run")&&(n.mode==="summary"||i.results.some(a=>a.m?.changed)||s(i)));if(n.level===3){let i=o.filter(s).map(a=>w(a,0));i.length>0&&t.push(u(i.join(`
`)))}else for(let i of o)n.level===0?t.push(u(M(i,x))):s(i)?n.level===1?t.push(u(M(i,C))):t.push(u(w(i,240))):n.level===1&&t.push(d(M(i,{...x,sql:6e3,differences:20}),3));let r=e.engines.map(i=>O(i.migrations.filter(a=>a.status==="not-run")));r[0]&&r.every(i=>i===r[0])?t.push(u(`*On every engine:* ${r[0]}`)):e.engines.forEach((i,a)=>{r[a]&&t.push(u(`*On ${g(i)}:* ${r[a]}`))});let f=e.engines.map(i=>i.drift),c=f[0];if(c!=null&&c.differences.length>0&&f.every(i=>i!=null&&i.status===c.status&&JSON.stringify(i.differences)===JSON.stringify(c.differences))){let i=j("every engine",c),a=[500,25,5,0][n.level];if(t.push(u(a>0?`${i}

${y(c.differences,a,160)}`:i)),n.level<2)for(let b of e.engines)t.push(d(`*On ${g(b)}:*

${v(b.drift.sql,n.level===0?1e5:8e3)}`,2))}else for(let i of e.engines)t.push(...ue(i,n));for(let i of e.engines)t.push(...U(i.findings,`Findings on ${g(i)}`,n));return t}l(ye,"acrossBlocks");function xe(e,n){let t=[];return n.runUrl&&t.push(L("Workflow run",n.runUrl)),e.pullRequest?.headSha&&t.push(`commit ${h(e.pullRequest.headSha.slice(0,7))}`),n.mode==="comment"&&t.push("full report in the job summary"),t.push("schemagate"),`---
<sub>${t.join(" \xB7 ")}</sub>`}l(xe,"footer");function fe(e){return(e.notes??[]).map(n=>u(`\u2139\uFE0F ${p(n,1e3)}`))}l(fe,"noteBlocks");function Re(e){let n=[u(A(e)),...fe(e)];for(let t of e.engines)t.drift&&n.push(u(`\u2705 No drift on ${g(t)} against the models built from ${h(t.drift.source,300)}.`));for(let t of e.engines){let s=t.migrations.filter(f=>f.changed&&f.sql.up.length+f.sql.down.length>0);if(s.length===0)continue;let o=s.map(f=>`**${h(f.name)}**

${T(f,8e3)}`).join(`

`),r=`SQL of the ${S(s.length,"migration")} this pull request adds or changes \xB7 ${g(t)}`;n.push(d(E(r,o),1))}return n}l(Re,"briefBlocks");function ce(e,n,t){let s=[];if(n.mode==="comment"&&s.push(u(_(t??e.configKey??"default"))),s.push(u(`### ${D(e)}`)),n.level>0&&s.push(u(de(n))),n.mode==="comment"&&K(e))s.push(...Re(e));else{if(s.push(u(`${z(e)}

${A(e)}`)),s.push(...fe(e)),e.engines.length>1)s.push(...ye(e,n));else for(let o of e.engines)s.push(...ke(o,n));s.push(...U(e.findings,"Findings",n))}return s.push(u(xe(e,n))),s}l(ce,"blocksAt");function ae(e,n,t,s,o){let r=o.runUrl??e.pullRequest?.runUrl??null;for(let m of[0,1,2,3]){let i=oe(ce(e,{mode:n,level:m,runUrl:r},o.configKey),t,s);if(i)return i.text}let c=ce(e,{mode:n,level:3,runUrl:r},o.configKey).map(m=>m.text).join(`

`);return ie(c,t,s,m=>`\u2026and ${S(m,"more failure")}: see the job summary.`)}l(ae,"render");function Ie(e,n={},t=pe){return ae(e,"comment",t,se,n)}l(Ie,"renderComment");function Fe(e,n=he){return ae(e,"summary",n,re,{})}l(Fe,"renderSummary");export{Z as a,_ as b,pe as c,he as d,Ie as e,Fe as f};
