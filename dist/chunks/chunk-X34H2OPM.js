import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as o}from"./chunk-EQ5ZYRHV.js";import{d as t}from"./chunk-RYTIUBPP.js";var e=t(o(),1),r=e.default.Client,s=e.default.Pool,p=e.default.Connection,n=e.default.types,c=e.default.Query,a=e.default.DatabaseError,i=e.default.escapeIdentifier,x=e.default.escapeLiteral,l=e.default.Result,d=e.default.TypeOverrides,u=e.default.defaults,f=e.default;export{f as a};
