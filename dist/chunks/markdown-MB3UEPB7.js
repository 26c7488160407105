import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{e as a,f as b,g as c,h as d,i as e,j as f}from"./chunk-UHQOTPXH.js";import"./chunk-URFOBGPS.js";import"./chunk-7WR63IIG.js";import"./chunk-WX3A2COP.js";import"./chunk-CMNKDX67.js";import"./chunk-RYTIUBPP.js";export{a as COMMENT_LIMIT,b as SUMMARY_LIMIT,d as commentMarker,e as renderComment,f as renderSummary,c as sanitizeConfigKey};
