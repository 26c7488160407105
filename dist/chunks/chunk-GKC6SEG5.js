import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as r}from"./chunk-RYTIUBPP.js";var t={console:r(async(n,e)=>(await import("./console-ZC3GRGUJ.js")).renderConsole(n,e.verbosity??"normal"),"console"),json:r(async n=>`${JSON.stringify(n,null,2)}
`,"json"),markdown:r(async(n,e)=>(await import("./markdown-JPC4UJ7F.js")).renderComment(n,{...e.configKey!==void 0?{configKey:e.configKey}:{},...e.runUrl!==void 0?{runUrl:e.runUrl}:{}}),"markdown"),summary:r(async n=>(await import("./markdown-JPC4UJ7F.js")).renderSummary(n),"summary"),annotations:r(async(n,e)=>(await import("./annotations-R2GEFIJN.js")).annotations(n,e.workingDirectory??"."),"annotations")};function i(n,e,o={}){return t[n](e,o)}r(i,"render");export{i as a};
