import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{b as l,c as m}from"./chunk-WUXQHU5B.js";import{c as i}from"./chunk-5VGWJ33G.js";import{a as r}from"./chunk-RYTIUBPP.js";function u(t,e){if(e.default===null)return e;for(let[n,o]of i[t].equivalentDefaults)if(n.test(e.default))return{...e,default:o};return e}r(u,"normaliseColumn");function f(t){let e={};for(let[n,o]of Object.entries(t.tables)){let a={};for(let[s,c]of Object.entries(o.columns))a[s]=u(t.engine,c);e[n]={...o,columns:a}}return{...t,tables:e}}r(f,"normaliseForDrift");function S(t){let e=l(t.ignore);return{from:m(f(t.migrated),e),to:m(f(t.models),e)}}r(S,"driftSchemas");export{S as a};
