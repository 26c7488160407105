import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as r}from"./chunk-RYTIUBPP.js";var f={"&":"&amp;","<":"&lt;",">":"&gt;","|":"&#124;","\\":"&#92;","`":"&#96;","*":"&#42;",_:"&#95;","[":"&#91;","]":"&#93;","~":"&#126;",$:"&#36;"},g=new RegExp("[&<>|\\\\`*[\\]~$]|(?<![\\p{L}\\p{N}])_|_(?![\\p{L}\\p{N}])|@(?=[\\p{L}\\p{N}_-])|#(?=\\p{N})","gu");function m(n){return n==="@"||n==="#"?`${n}&#8203;`:f[n]??n}r(m,"entity");var d=/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g;function l(n){return n.replace(/\r\n?/g,`
`).replace(d,"")}r(l,"normalizeNewlines");function $(n,t){if(n.length<=t)return n;let e=Math.max(0,t-1),o=n.charCodeAt(e-1);return o>=55296&&o<=56319&&e--,`${n.slice(0,e)}\u2026`}r($,"clamp");function p(n,t=2e3){return $(l(n).replace(/\s+/g," ").trim(),t).replace(g,m)}r(p,"escapeText");function h(n,t=500){return`<code>${p(n,t)}</code>`}r(h,"code");function b(n){let t=0;for(let e of n.match(/`+/g)??[])t=Math.max(t,e.length);return t}r(b,"longestBacktickRun");function x(n,t=""){let e=l(n).replace(/\n+$/,""),o="`".repeat(Math.max(3,b(e)+1));return`${o}${t}
${e}
${o}`}r(x,"fence");function L(n,t,e=!1){return`<details${e?" open":""}><summary>${n}</summary>

${t}

</details>`}r(L,"details");function w(n,t,e){let o=t.map(i=>i==="c"?":-:":i==="r"?"--:":":--"),s=r(i=>`| ${i.map(a=>a===""?" ":a).join(" | ")} |`,"line");return[s(n),s(o),...e.map(s)].join(`
`)}r(w,"table");function N(n,t){let e=p(n);if(!t||!/^https?:\/\/[^\s<>"]+$/.test(t))return e;let o=t.replace(/[()[\]|`]/g,s=>`%${s.charCodeAt(0).toString(16).toUpperCase().padStart(2,"0")}`);return`[${e}](${o})`}r(N,"link");function C(n,t,e=`${t}s`){return`${n} ${n===1?t:e}`}r(C,"plural");function S(n,t){let e=[];for(let[o,s]of Object.entries(n)){let i=t[o];if(i){if(i.rows<s.rows){e.push({table:o,column:null,kind:"rows",before:{count:s.rows,sample:[]},after:{count:i.rows,sample:[]}});continue}for(let[a,c]of Object.entries(s.columns)){let u=i.columns[a];!u||u.hash===c.hash||e.push({table:o,column:a,kind:u.nonNull<c.nonNull&&u.nonNull===0?"nulled":"changed",before:{count:c.nonNull,sample:c.sample},after:{count:u.nonNull,sample:u.sample}})}}}return e}r(S,"compareContent");function T(n){let t=r(o=>o.map(s=>`'${s}'`).join(", "),"quoted");if(n.kind==="rows")return`${n.table}: ${n.before.count-n.after.count} of ${n.before.count} rows lost after the down`;let e=`${n.table}.${n.column}`;return n.kind==="nulled"?`${e}: ${n.before.count} values lost (all NULL after the down), e.g. ${t(n.before.sample)}`:`${e}: values changed by the up and down, e.g. ${t(n.before.sample)} became ${t(n.after.sample)||"NULL"}`}r(T,"dataLossLine");export{l as a,p as b,h as c,x as d,L as e,w as f,N as g,C as h,S as i,T as j};
