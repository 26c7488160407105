import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as e}from"./chunk-RYTIUBPP.js";var p={"&":"&amp;","<":"&lt;",">":"&gt;","|":"&#124;","\\":"&#92;","`":"&#96;","*":"&#42;",_:"&#95;","[":"&#91;","]":"&#93;","~":"&#126;",$:"&#36;"},a=new RegExp("[&<>|\\\\`*[\\]~$]|(?<![\\p{L}\\p{N}])_|_(?![\\p{L}\\p{N}])|@(?=[\\p{L}\\p{N}_-])|#(?=\\p{N})","gu");function l(n){return n==="@"||n==="#"?`${n}&#8203;`:p[n]??n}e(l,"entity");var f=/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g;function u(n){return n.replace(/\r\n?/g,`
`).replace(f,"")}e(u,"normalizeNewlines");function $(n,t){if(n.length<=t)return n;let r=Math.max(0,t-1),i=n.charCodeAt(r-1);return i>=55296&&i<=56319&&r--,`${n.slice(0,r)}\u2026`}e($,"clamp");function g(n,t=2e3){return $(u(n).replace(/\s+/g," ").trim(),t).replace(a,l)}e(g,"escapeText");function m(n,t=500){return`<code>${g(n,t)}</code>`}e(m,"code");function d(n){let t=0;for(let r of n.match(/`+/g)??[])t=Math.max(t,r.length);return t}e(d,"longestBacktickRun");function x(n,t=""){let r=u(n).replace(/\n+$/,""),i="`".repeat(Math.max(3,d(r)+1));return`${i}${t}
${r}
${i}`}e(x,"fence");function h(n,t,r=!1){return`<details${r?" open":""}><summary>${n}</summary>

${t}

</details>`}e(h,"details");function b(n,t,r){let i=t.map(o=>o==="c"?":-:":o==="r"?"--:":":--"),s=e(o=>`| ${o.map(c=>c===""?" ":c).join(" | ")} |`,"line");return[s(n),s(i),...r.map(s)].join(`
`)}e(b,"table");function N(n,t){let r=g(n);if(!t||!/^https?:\/\/[^\s<>"]+$/.test(t))return r;let i=t.replace(/[()[\]|`]/g,s=>`%${s.charCodeAt(0).toString(16).toUpperCase().padStart(2,"0")}`);return`[${r}](${i})`}e(N,"link");function C(n,t,r=`${t}s`){return`${n} ${n===1?t:r}`}e(C,"plural");export{u as a,g as b,m as c,x as d,h as e,b as f,N as g,C as h};
