import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a}from"./chunk-RYTIUBPP.js";function m(e){return{engine:e,namespaces:{},tables:{},views:{},sequences:{},enums:{},types:{},routines:{},extensions:{}}}a(m,"emptySchema");var g=["namespaces","extensions","enums","types","sequences","tables","views","routines"],d={namespaces:"schema",extensions:"extension",enums:"enum",types:"type",sequences:"sequence",tables:"table",views:"view",routines:"routine"},u={all:!0};function p(e,t,i){if(i.all)return t;let n={...e};for(let r of g){let o=i.objects[r];if(!o||o.length===0)continue;let c={...e[r]};for(let s of o){let l=t[r][s];l===void 0?delete c[s]:c[s]=l}n[r]=c}return n}a(p,"applyScope");function f(e,t){if(t.all)return e;let i=m(e.engine);for(let n of g){let r=t.objects[n]??[],o=e[n],c=i[n];for(let s of r)o[s]!==void 0&&(c[s]=o[s])}return i}a(f,"restrictToScope");function x(...e){let t={};for(let i of e){if(i.all)return u;for(let n of g){let r=i.objects[n];r&&(t[n]=[...new Set([...t[n]??[],...r])])}}return{all:!1,objects:t}}a(x,"mergeScopes");export{m as a,g as b,d as c,u as d,p as e,f,x as g};
