import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a,b,c}from"./chunk-VDVN2OYR.js";import"./chunk-FRS32MSG.js";import"./chunk-BADXTKWJ.js";import"./chunk-URFOBGPS.js";import"./chunk-CMNKDX67.js";import"./chunk-HR2DRUW7.js";import"./chunk-RYTIUBPP.js";export{a as checkDrift,b as describeDrift,c as groupDrift};
