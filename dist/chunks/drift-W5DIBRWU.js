import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a,b,c}from"./chunk-BP5G2JKG.js";import"./chunk-RNGSFZ7B.js";import"./chunk-VLEIVVC6.js";import"./chunk-CMNKDX67.js";import"./chunk-ZYRFCW4D.js";import"./chunk-RYTIUBPP.js";export{a as checkDrift,b as describeDrift,c as groupDrift};
