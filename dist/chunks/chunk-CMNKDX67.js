import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a}from"./chunk-RYTIUBPP.js";function m(e){return{engine:e,namespaces:{},tables:{},views:{},sequences:{},enums:{},types:{},routines:{},extensions:{}}}a(m,"emptySchema");var l=["namespaces","extensions","enums","types","sequences","tables","views","routines"],u={namespaces:"schema",extensions:"extension",enums:"enum",types:"type",sequences:"sequence",tables:"table",views:"view",routines:"routine"},d={all:!0};function p(e,s,o){if(o.all)return s;let t={...e};for(let i of l){let r=o.objects[i];if(!r||r.length===0)continue;let c={...e[i]};for(let n of r){let g=s[i][n];g===void 0?delete c[n]:c[n]=g}t[i]=c}return t}a(p,"applyScope");function f(e,s){if(s.all)return e;let o=m(e.engine);for(let t of l){let i=s.objects[t]??[],r=e[t],c=o[t];for(let n of i)r[n]!==void 0&&(c[n]=r[n])}return o}a(f,"restrictToScope");export{m as a,l as b,u as c,d,p as e,f};
