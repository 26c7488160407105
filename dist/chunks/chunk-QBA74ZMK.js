import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{g as s,h as r}from"./chunk-HR2DRUW7.js";import{c as i}from"./chunk-5VGWJ33G.js";import{a as o}from"./chunk-RYTIUBPP.js";async function g(e){return(await i[e.engine].load.sqlRunner())(e.url)}o(g,"openSqlRunner");function S(e,t,a,c){let n=e,l=n.sqlMessage??n.message??String(e),m=typeof n.code=="string"?n.code:null;return new s(`${l} (${a.file}:${c})`,t,m,{cause:e,...r(e)})}o(S,"statementFailure");export{g as a,S as b};
