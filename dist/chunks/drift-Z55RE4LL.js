import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as s}from"./chunk-HLGHGBBF.js";import{a,b as c}from"./chunk-75H463HP.js";import{a as f}from"./chunk-WUXQHU5B.js";import{a as m}from"./chunk-S2UI3DYN.js";import"./chunk-URFOBGPS.js";import"./chunk-CMNKDX67.js";import"./chunk-HR2DRUW7.js";import"./chunk-5VGWJ33G.js";import{a as i}from"./chunk-RYTIUBPP.js";async function u(r){let{from:t,to:o}=s(r),e=m(t,o,{matchGeneratedNamesByDefinition:!0});return{status:e.length===0?"pass":r.mode==="fail"?"fail":"warn",source:r.source,differences:e,sql:await f(t,o,e)}}i(u,"checkDrift");export{u as checkDrift,a as describeDrift,c as groupDrift};
