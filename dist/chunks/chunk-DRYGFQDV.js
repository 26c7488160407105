import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as e}from"./chunk-RYTIUBPP.js";function i(t,n){let r=t.slice(0,Math.max(0,n));return{line:r.split(`
`).length,column:n-r.lastIndexOf(`
`)}}e(i,"positionIn");function o(t){let n=t.split(`
`)[0]??"";return n.length>60?`${n.slice(0,57)}...`:n}e(o,"firstLine");function s(t){return/role .* does not exist/i.test(t)?"dump the schema without owners and grants (pg_dump --schema-only --no-owner --no-privileges)":"fix the models file so that it runs on an empty database"}e(s,"hintFor");export{i as a,o as b,s as c};
