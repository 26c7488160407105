import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{b as m}from"./chunk-QBA74ZMK.js";import{b as i}from"./chunk-ZGYTNL7J.js";import"./chunk-HR2DRUW7.js";import{a}from"./chunk-5VGWJ33G.js";import{s as u}from"./chunk-RA4F27XP.js";import"./chunk-VD6HVRXQ.js";import{a as r,d as l}from"./chunk-RYTIUBPP.js";var p=l(u(),1);async function w(n){let e=await p.default.createConnection({...d(n),multipleStatements:!1});return e.on("error",()=>{}),{async run(o){let s=[];for(let t of i(o,a)){s.push(t.sql);try{await e.query(t.sql)}catch(c){throw m(c,t.sql,o,o.line+t.line-1)}}return{statements:s}},async close(){await e.end()}}}r(w,"openMysqlRunner");function d(n){let e=new URL(n);return{host:e.hostname,port:e.port?Number(e.port):3306,user:decodeURIComponent(e.username),password:decodeURIComponent(e.password),database:decodeURIComponent(e.pathname.replace(/^\//,""))}}r(d,"mysqlConfig");export{d as mysqlConfig,w as openMysqlRunner};
