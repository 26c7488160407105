import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as n}from"./chunk-RYTIUBPP.js";function t(e){return`\`${e.replaceAll("\\","\\\\").replaceAll("`","\\`").replaceAll("${","\\${")}\``}n(t,"jsLiteral");function l(e){return e.map(r=>`  await knex.schema.raw(${t(r)});`).join(`
`)}n(l,"knexDownCode");export{t as a,l as b};
