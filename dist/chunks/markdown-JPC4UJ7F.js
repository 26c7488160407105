import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a,b,c,d,e,f}from"./chunk-RUKEOOYI.js";import"./chunk-QTG3BOKG.js";import"./chunk-7WR63IIG.js";import"./chunk-URFOBGPS.js";import"./chunk-WX3A2COP.js";import"./chunk-CMNKDX67.js";import"./chunk-RYTIUBPP.js";export{c as COMMENT_LIMIT,d as SUMMARY_LIMIT,b as commentMarker,e as renderComment,f as renderSummary,a as sanitizeConfigKey};
