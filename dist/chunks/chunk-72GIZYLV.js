import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as s}from"./chunk-RYTIUBPP.js";var r=class{static{s(this,"Secrets")}values=new Set;add(e){if(!(!e||e.length<3)){this.values.add(e);try{let t=decodeURIComponent(e);t!==e&&t.length>=3&&this.values.add(t)}catch{}this.values.add(encodeURIComponent(e))}}addUrl(e){if(e){this.add(e);try{let t=new URL(e);t.password&&this.add(t.password)}catch{}}}mask(e){let t=e;for(let n of[...this.values].sort((i,a)=>a.length-i.length))t=t.split(n).join("***");return c(t)}};function c(o){return o.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^@/\s]*)@/gi,"$1:***@")}s(c,"maskUrlPasswords");function d(o){try{let e=new URL(o),t=e.username?`${decodeURIComponent(e.username)}${e.password?":***":""}@`:"";return`${e.protocol}//${t}${e.host}${e.pathname}`}catch{return"(malformed URL)"}}s(d,"describeUrl");var l=["knex_migrations","knex_migrations_lock","alembic_version","django_migrations","schema_migrations","flyway_schema_history","schemagate_migrations"];export{r as a,d as b,l as c};
