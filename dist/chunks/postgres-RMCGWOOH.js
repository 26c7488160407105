import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{b as j,c as U}from"./chunk-XMNPORDI.js";import{a as v,b as W,d as x}from"./chunk-BG7VVQMZ.js";import{b as M}from"./chunk-IX2EAKMI.js";import{d as $,g as F}from"./chunk-ZYRFCW4D.js";import{a as i}from"./chunk-RYTIUBPP.js";async function R(e){let a=new M.Client({connectionString:e,application_name:"schemagate"});a.on("error",()=>{});try{await a.connect(),await a.query("SET search_path = ''; SET jit = off; SET plan_cache_mode = force_generic_plan")}catch(t){throw await a.end().catch(()=>{}),new $(`Could not connect to Postgres at ${j(e)}: ${F(t)}`,{cause:t,hint:"Check that the server is running and the URL is right."})}return a}i(R,"connectPg");var me={a:"no action",r:"no action",c:"cascade",n:"set null",d:"set default"};function I(e){return me[e]??e}i(I,"fkAction");var Ee={f:"full",p:"partial",s:"simple"};function q(e){return Ee[e]??e}i(q,"fkMatch");function J(e){return e.replace(/ ON (DELETE|UPDATE) RESTRICT\b/g,"")}i(J,"foreignKeyDefinition");var Q={p:"primary key",u:"unique",f:"foreign key",c:"check",x:"exclusion"},P={"primary key":"pkey",unique:"key","foreign key":"fkey",check:"check",exclusion:"excl"};function C(e,a,t){for(let s of t){let c=new RegExp(`^(.+)_${s}\\d*$`).exec(a);if(!c)continue;let l=c[1];if(l===e||l.startsWith(`${e}_`))return!0;if(Buffer.byteLength(a)>=60){for(let n=e.length-1;n>0;n--)if(l.startsWith(`${e.slice(0,n)}_`))return!0}}return!1}i(C,"looksGenerated");function B(e,a,t,s){let c=`CREATE ${s?"UNIQUE ":""}INDEX ${a} ON `;if(!e.startsWith(c))return e;let l=e.slice(c.length);return l.startsWith("ONLY ")&&(l=l.slice(5)),l.startsWith(`${t} `)?(l=l.slice(t.length+1),s?`UNIQUE ${l}`:l):e}i(B,"indexDefinition");var _e={smallint:"32767",integer:"2147483647",bigint:"9223372036854775807"};function Y(e,a,t){let s=e==="a"?"always":e==="d"?"by default":null;if(!s)return null;let c=[],l=!t.increment?.startsWith("-"),n=_e[a],r=l?{start:"1",increment:"1",min:"1",max:n}:{start:"-1",increment:"-1",min:n?`-${n}`:void 0,max:"-1"};return t.start!==null&&t.start!==r.start&&c.push(`start ${t.start}`),t.increment!==null&&t.increment!==r.increment&&c.push(`increment ${t.increment}`),t.min!==null&&l&&t.min!==r.min&&c.push(`minvalue ${t.min}`),t.max!==null&&l&&t.max!==r.max&&c.push(`maxvalue ${t.max}`),t.cache!==null&&t.cache!=="1"&&c.push(`cache ${t.cache}`),t.cycle&&c.push("cycle"),c.length?`${s} (${c.join(" ")})`:s}i(Y,"identityText");var Ne={r:"SELECT",a:"INSERT",w:"UPDATE",d:"DELETE","*":"ALL"};function G(e){let a=[`AS ${e.permissive?"PERMISSIVE":"RESTRICTIVE"}`,`FOR ${Ne[e.command]??e.command}`,`TO ${e.roles.join(", ")}`];return e.qual!==null&&a.push(`USING (${e.qual})`),e.with_check!==null&&a.push(`WITH CHECK (${e.with_check})`),a.join(" ")}i(G,"policyDefinition");var ue={D:"DISABLE",R:"ENABLE REPLICA",A:"ENABLE ALWAYS"};function X(e,a){let t=ue[a];return t?`${e} (${t})`:e}i(X,"triggerDefinition");function ye(e){let a={};return e.partition_of&&(a["partition of"]=`${e.partition_of} ${e.partition_bound??""}`.trim()),e.partition_by&&(a["partition by"]=e.partition_by),e.inherits?.length&&(a.inherits=e.inherits.join(", ")),e.rls&&(a.rls=e.rls_forced?"enabled, forced":"enabled"),e.persistence==="u"&&(a.persistence="unlogged"),e.reloptions?.length&&(a.storage=e.reloptions.join(", ")),a}i(ye,"tableOptions");function Se(e){let a=new Map;for(let t of e){let s=a.get(t.table_key)??new Map;s.set(t.attnum,t),a.set(t.table_key,s)}return a}i(Se,"attributesOf");function Te(e){let a=(e&1)===1,t=(e&2)===2;return a?t?" DESC":" DESC NULLS LAST":t?" NULLS FIRST":""}i(Te,"ordering");function Re(e,a){let t=e.constraint?["pkey","key","excl"]:["idx"],s=a.get(e.owner_key),c=i(r=>e.rendered?.[r]??s?.get(e.indkey[r])?.quoted??`#${e.indkey[r]}`,"column"),l=e.indkey.slice(0,e.key_count).map((r,_)=>c(_)+Te(e.indoption[_]??0)),n=e.indkey.slice(e.key_count).map((r,_)=>c(e.key_count+_));return{name:e.name,definition:B(e.indexdef,e.quoted_name,e.owner_ref,e.unique),unique:e.unique,method:e.method,columns:l,include:n,where:e.predicate,constraint:e.constraint,generatedName:C(e.owner_name,e.name,t)}}i(Re,"toIndex");function K(e){let{namespaces:a,extensions:t,enums:s,types:c,sequences:l,tables:n,columns:r,constraints:_,indexes:d,triggers:S,policies:L,views:h,routines:de}=e,N=v("postgres");for(let o of a)N.namespaces[o.name]={name:o.name,comment:o.comment};for(let o of t)N.extensions[o.name]={name:o.name,schema:o.schema,version:o.version};for(let o of s)N.enums[`${o.schema}.${o.name}`]={...o};for(let o of c)N.types[`${o.schema}.${o.name}`]={...o};for(let o of l)N.sequences[`${o.schema}.${o.name}`]={schema:o.schema,name:o.name,type:o.type,start:o.start,increment:o.increment,min:o.min,max:o.max,cache:o.cache,cycle:o.cycle,ownedBy:o.owned_by};for(let o of n)N.tables[`${o.schema}.${o.name}`]=Ae(o);let w=Se(r);Oe(N.tables,r,_,S,L,w);for(let o of h){let f=o.reloptions?.length?`WITH (${o.reloptions.join(", ")})
`:"";N.views[`${o.schema}.${o.name}`]={schema:o.schema,name:o.name,materialized:o.materialized,definition:`${f}${o.definition}`,columns:o.columns,indexes:{},comment:o.comment}}for(let o of d){let f=o.owner_kind==="m"?N.views[o.owner_key]:N.tables[o.owner_key];f&&(f.indexes[o.name]=Re(o,w))}for(let o of de)N.routines[`${o.schema}.${o.name}(${o.arguments})`]={...o};return N}i(K,"assembleSchema");function Ae(e){return{schema:e.schema,name:e.name,kind:e.relkind==="p"?"partitioned table":e.relkind==="f"?"foreign table":"table",columns:{},constraints:{},indexes:{},triggers:{},policies:{},options:ye(e),comment:e.comment}}i(Ae,"toTable");function Oe(e,a,t,s,c,l){for(let n of a){let r=e[n.table_key];r&&(r.columns[n.name]={name:n.name,position:n.position,type:n.type,nullable:n.nullable,default:n.default,identity:Y(n.identity,n.type,{start:n.seq_start,increment:n.seq_increment,min:n.seq_min,max:n.seq_max,cache:n.seq_cache,cycle:n.seq_cycle}),generated:n.generated===null?null:`${n.generated} ${n.generated_kind==="v"?"virtual":"stored"}`,collation:n.collation,comment:n.comment})}for(let n of t){let r=e[n.table_key],_=Q[n.contype];if(!r||!_)continue;let d=_==="foreign key";r.constraints[n.name]={name:n.name,kind:_,definition:d?J(n.definition):n.definition,columns:n.conkey.map(S=>l.get(n.table_key)?.get(S)?.name??`#${S}`),generatedName:C(n.table_name,n.name,[P[_]]),...d?{foreignKey:{table:n.ref_table??"",columns:n.ref_columns??[],onDelete:I(n.on_delete),onUpdate:I(n.on_update),match:q(n.match)}}:{},deferrable:n.deferrable?n.deferred?"deferrable initially deferred":"deferrable initially immediate":"not deferrable"}}for(let n of s){let r=e[n.table_key];r&&(r.triggers[n.name]={name:n.name,definition:X(n.definition,n.enabled)})}for(let n of c){let r=e[n.table_key];r&&(r.policies[n.name]={name:n.name,definition:G(n)})}}i(Oe,"fillTables");function m(e){return`${e}.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
    AND ${e}.nspname NOT LIKE 'pg\\_toast%' AND ${e}.nspname NOT LIKE 'pg\\_temp\\_%'`}i(m,"userSchema");function E(e,a){return`NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
    WHERE dep.classid = '${e}'::pg_catalog.regclass AND dep.objid = ${a} AND dep.deptype = 'e')`}i(E,"notExtensionMember");function g(e,a,t="relname"){return`(${e}.nspname || '.' || ${a}.${t})`}i(g,"keyOf");function u(e,a,t,s="0"){return`LEFT JOIN pg_catalog.pg_description ${e} ON ${e}.objoid = ${t}
    AND ${e}.classoid = '${a}'::pg_catalog.regclass AND ${e}.objsubid = ${s}`}i(u,"commentJoin");function p(e,a){return`(${e}::text[] IS NULL OR ${a} = ANY(${e}::text[]))`}i(p,"inScope");function y(e="c",a="n"){return`${e}.relkind IN ('r', 'p', 'f') AND ${m(a)} AND ${E("pg_class",`${e}.oid`)}
    AND ${e}.relname <> ALL($1::text[])`}i(y,"userTable");var V={name:"schemagate_pg_columns_v2",text:`
SELECT ${g("n","c")} AS table_key, a.attname::text AS name, a.attnum::int AS attnum,
  pg_catalog.quote_ident(a.attname) AS quoted,
  pg_catalog.row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::int AS position,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  NOT a.attnotnull AS nullable,
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default,
  CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
  a.attgenerated::text AS generated_kind,
  a.attidentity::text AS identity,
  CASE WHEN a.attcollation <> t.typcollation
    THEN co.collnamespace::pg_catalog.regnamespace::text || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
  dsc.description AS comment,
  s.seqstart::text AS seq_start, s.seqincrement::text AS seq_increment, s.seqmin::text AS seq_min,
  s.seqmax::text AS seq_max, s.seqcache::text AS seq_cache, s.seqcycle AS seq_cycle
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
${u("dsc","pg_catalog.pg_class","a.attrelid","a.attnum")}
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_depend sd ON a.attidentity <> '' AND sd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = sd.objid
WHERE a.attnum > 0 AND NOT a.attisdropped AND ${y()} AND ${p("$2",g("n","c"))}`};function fe(e,a){return`ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(${a}) WITH ORDINALITY k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${e} AND a.attnum = k.num ORDER BY k.ord)`}i(fe,"attnames");var z={name:"schemagate_pg_constraints_v2",text:`
SELECT ${g("n","c")} AS table_key, c.relname::text AS table_name, con.conname::text AS name,
  con.contype::text AS contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  COALESCE(con.conkey::int[], '{}') AS conkey,
  CASE WHEN con.contype = 'f' THEN ${g("fn","fc")} END AS ref_table,
  CASE WHEN con.contype = 'f' THEN ${fe("con.confrelid","con.confkey")} END AS ref_columns,
  con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, con.confmatchtype::text AS match,
  con.condeferrable AS deferrable, con.condeferred AS deferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND ${y()} AND ${p("$2",g("n","c"))}
  AND NOT (con.conparentid <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc
    WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid))`};var Z={name:"schemagate_pg_enums_v1",text:`
SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values,
  dsc.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
${u("dsc","pg_catalog.pg_type","t.oid")}
WHERE t.typtype = 'e' AND ${m("n")} AND ${E("pg_type","t.oid")}
  AND ${p("$1",g("n","t","typname"))}`};var ee={name:"schemagate_pg_extensions_v1",text:`
SELECT e.extname::text AS name, n.nspname::text AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE ${p("$1","e.extname::text")}`};var te={name:"schemagate_pg_indexes_v2",text:`
SELECT ${g("n","c")} AS owner_key, c.relname::text AS owner_name, c.relkind::text AS owner_kind,
  c.oid::pg_catalog.regclass::text AS owner_ref,
  ic.relname::text AS name, pg_catalog.quote_ident(ic.relname) AS quoted_name,
  pg_catalog.pg_get_indexdef(i.indexrelid) AS indexdef, i.indisunique AS unique, am.amname::text AS method,
  i.indkey::pg_catalog.int2[]::int[] AS indkey, i.indnkeyatts::int AS key_count,
  i.indoption::pg_catalog.int2[]::int[] AS indoption,
  CASE WHEN c.relkind = 'm' OR 0 = ANY (i.indkey::pg_catalog.int2[]) THEN
    ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true) FROM pg_catalog.generate_series(1, i.indnatts) k ORDER BY k)
  END AS rendered,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  (SELECT con.conname::text FROM pg_catalog.pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) AS constraint
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'f', 'm') AND ${m("n")} AND ${E("pg_class","c.oid")}
  AND c.relname <> ALL($1::text[])
  AND CASE WHEN c.relkind = 'm' THEN ($3::text[] IS NULL OR ${g("n","c")} = ANY($3::text[]))
      ELSE ($2::text[] IS NULL OR ${g("n","c")} = ANY($2::text[])) END`};var ae={name:"schemagate_pg_namespaces_v1",text:`
SELECT n.nspname::text AS name, dsc.description AS comment
FROM pg_catalog.pg_namespace n
${u("dsc","pg_catalog.pg_namespace","n.oid")}
WHERE ${m("n")} AND ${E("pg_namespace","n.oid")}
  AND ${p("$1","n.nspname::text")}`};var ne={name:"schemagate_pg_policies_v1",text:`
SELECT ${g("n","c")} AS table_key, p.polname::text AS name, p.polpermissive AS permissive,
  p.polcmd::text AS command,
  ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.oid)) END
    FROM pg_catalog.unnest(p.polroles) AS r(oid) ORDER BY 1) AS roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${y()} AND ${p("$2",g("n","c"))}`};var be="(n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')')",oe={name:"schemagate_pg_routines_v1",text:`
SELECT n.nspname::text AS schema, p.proname::text AS name,
  CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
  pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w') AND ${m("n")} AND ${E("pg_proc","p.oid")}
  AND ${p("$1",be)}`};async function A(e,a,t){return(await e.query({name:a.name,text:a.text,values:t})).rows}i(A,"runNamed");var ie={name:"schemagate_pg_sequences_v1",text:`
SELECT n.nspname::text AS schema, c.relname::text AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle,
  (SELECT ${g("on_","oc")} || '.' || oa.attname
     FROM pg_catalog.pg_depend d
     JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
     JOIN pg_catalog.pg_namespace on_ ON on_.oid = oc.relnamespace
     JOIN pg_catalog.pg_attribute oa ON oa.attrelid = oc.oid AND oa.attnum = d.refobjsubid
     WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
       AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0
     LIMIT 1) AS owned_by
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${m("n")} AND ${E("pg_class","c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND (d.deptype = 'i' OR (d.deptype = 'a' AND oc.relname = ANY($1::text[]))))
  AND ${p("$2",g("n","c"))}`};var se={name:"schemagate_pg_tables_v1",text:`
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS relkind,
  CASE WHEN c.relispartition THEN (SELECT pc.oid::pg_catalog.regclass::text FROM pg_catalog.pg_inherits i
      JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent WHERE i.inhrelid = c.oid) END AS partition_of,
  CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_by,
  CASE WHEN NOT c.relispartition THEN (SELECT pg_catalog.array_agg(i.inhparent::pg_catalog.regclass::text ORDER BY i.inhseqno)
      FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid) END AS inherits,
  c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced, c.relpersistence::text AS persistence,
  c.reloptions::text[] AS reloptions,
  dsc.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${u("dsc","pg_catalog.pg_class","c.oid")}
WHERE ${y()} AND ${p("$2",g("n","c"))}`};var ce={name:"schemagate_pg_triggers_v1",text:`
SELECT ${g("n","c")} AS table_key, t.tgname::text AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled::text AS enabled
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND ${y()} AND ${p("$2",g("n","c"))}`};var re={name:"schemagate_pg_types_v1",text:`
SELECT n.nspname::text AS schema, t.typname::text AS name,
  CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite' WHEN 'r' THEN 'range' END AS kind,
  CASE t.typtype
    WHEN 'd' THEN pg_catalog.concat_ws(' ',
      pg_catalog.format_type(t.typbasetype, t.typtypmod),
      CASE WHEN t.typcollation <> bt.typcollation THEN 'COLLATE ' || co.collnamespace::pg_catalog.regnamespace::text || '.' || pg_catalog.quote_ident(co.collname) END,
      CASE WHEN t.typnotnull THEN 'NOT NULL' END,
      'DEFAULT ' || pg_catalog.pg_get_expr(t.typdefaultbin, 0),
      (SELECT pg_catalog.string_agg('CONSTRAINT ' || pg_catalog.quote_ident(dc.conname) || ' ' || pg_catalog.pg_get_constraintdef(dc.oid), ' ' ORDER BY dc.conname)
         FROM pg_catalog.pg_constraint dc WHERE dc.contypid = t.oid))
    WHEN 'c' THEN '(' || (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
         FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'
    WHEN 'r' THEN (SELECT 'SUBTYPE ' || pg_catalog.format_type(r.rngsubtype, NULL)
       FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid)
  END AS definition
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
WHERE (t.typtype IN ('d', 'r')
    OR (t.typtype = 'c' AND (SELECT rc.relkind FROM pg_catalog.pg_class rc WHERE rc.oid = t.typrelid) = 'c'))
  AND ${m("n")} AND ${E("pg_type","t.oid")}
  AND ${p("$1",g("n","t","typname"))}`};var le={name:"schemagate_pg_views_v1",text:`
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid) AS definition,
  ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum) AS columns,
  c.reloptions::text[] AS reloptions,
  dsc.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${u("dsc","pg_catalog.pg_class","c.oid")}
WHERE c.relkind IN ('v', 'm') AND ${m("n")} AND ${E("pg_class","c.oid")}
  AND ${p("$1",g("n","c"))}`};function Le(e){let a=!e||e.all,t=i(s=>a?null:e.objects[s]??[],"pick");return{namespaces:t("namespaces"),extensions:t("extensions"),enums:t("enums"),types:t("types"),sequences:t("sequences"),tables:t("tables"),views:t("views"),routines:t("routines")}}i(Le,"keysFor");function k(e){return e===null||e.length>0}i(k,"wanted");var O=class{constructor(a,t){this.clients=a;this.excludedTables=t}clients;excludedTables;static{i(this,"PostgresIntrospector")}async fetch(a){let t=Le(a),s=this.excludedTables,c=i((d,S,L,h)=>k(L)?A(d,S,h):Promise.resolve([]),"q"),l=i(async d=>({columns:await c(d,V,t.tables,[s,t.tables]),tables:await c(d,se,t.tables,[s,t.tables]),sequences:await c(d,ie,t.sequences,[s,t.sequences]),namespaces:await c(d,ae,t.namespaces,[t.namespaces]),extensions:await c(d,ee,t.extensions,[t.extensions]),enums:await c(d,Z,t.enums,[t.enums]),types:await c(d,re,t.types,[t.types])}),"laneA"),n=i(async d=>({indexes:k(t.tables)||k(t.views)?await A(d,te,[s,t.tables,t.views]):[],constraints:await c(d,z,t.tables,[s,t.tables]),triggers:await c(d,ce,t.tables,[s,t.tables]),policies:await c(d,ne,t.tables,[s,t.tables]),views:await c(d,le,t.views,[t.views]),routines:await c(d,oe,t.routines,[t.routines])}),"laneB"),[r,_]=[this.clients[0],this.clients[1]];if(_){let[d,S]=await Promise.all([l(r),n(_)]);return{...d,...S}}return{...await l(r),...await n(r)}}async snapshot(a){return K(await this.fetch(a))}async close(){await Promise.all(this.clients.map(a=>a.end().catch(()=>{})))}};var he=`
CREATE OR REPLACE VIEW _schemagate.relations AS
SELECT c.oid, n.nspname::text AS schema_name,
  CASE WHEN o.relkind IN ('r', 'p', 'f') THEN 'tables' WHEN o.relkind IN ('v', 'm') THEN 'views'
       WHEN o.relkind = 'S' THEN 'sequences' WHEN o.relkind = 'c' THEN 'types' END AS collection,
  onsp.nspname || '.' || o.relname AS key,
  CASE WHEN o.relkind IN ('r', 'p', 'f', 'v', 'm') THEN o.oid END AS relid
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_index i ON c.relkind IN ('i', 'I') AND i.indexrelid = c.oid
LEFT JOIN pg_catalog.pg_depend d ON c.relkind = 'S' AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'i'
JOIN pg_catalog.pg_class o ON o.oid = COALESCE(i.indrelid, d.refobjid, c.oid)
JOIN pg_catalog.pg_namespace onsp ON onsp.oid = o.relnamespace`,xe=`
CREATE OR REPLACE VIEW _schemagate.types AS
SELECT t.oid, n.nspname::text AS schema_name,
  CASE WHEN t.typtype = 'e' THEN 'enums' WHEN t.typtype IN ('d', 'r') THEN 'types'
       WHEN t.typtype = 'c' AND rc.relkind = 'c' THEN 'types' END AS collection,
  n.nspname || '.' || t.typname AS key
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid`,Ie=`
CREATE OR REPLACE VIEW _schemagate.routines AS
SELECT p.oid, n.nspname::text AS schema_name, 'routines'::text AS collection,
  n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS key
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace`,Ce=`
CREATE TABLE IF NOT EXISTS _schemagate.touched (
  phase text NOT NULL, classid oid, objid oid, relid oid, collection text, key text,
  command_tag text, object_type text, identity text
);
CREATE TABLE IF NOT EXISTS _schemagate.baseline (
  classid oid NOT NULL, objid oid NOT NULL, collection text NOT NULL, key text NOT NULL, relid oid,
  self boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS baseline_object ON _schemagate.baseline (classid, objid);
CREATE INDEX IF NOT EXISTS touched_object ON _schemagate.touched (classid, objid)`,T=`schema_name NOT IN ('pg_catalog', 'information_schema', '_schemagate')
  AND schema_name NOT LIKE 'pg\\_toast%' AND schema_name NOT LIKE 'pg\\_temp\\_%'`,ke=`
CREATE OR REPLACE FUNCTION _schemagate.reset(full_refresh boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  colls text[];
  keys text[];
  rels oid[];
BEGIN
  IF full_refresh OR EXISTS (SELECT 1 FROM _schemagate.touched t WHERE t.collection = 'all') THEN
    DELETE FROM _schemagate.touched;
    DELETE FROM _schemagate.baseline;
    INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
      FROM _schemagate.relations v WHERE v.collection IS NOT NULL AND ${T}
    UNION ALL
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.types v WHERE v.collection IS NOT NULL AND ${T}
    UNION ALL
    SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.routines v WHERE ${T}
    UNION ALL
    SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
      FROM pg_catalog.pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
        AND n.nspname NOT LIKE 'pg\\_%'
    UNION ALL
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
      FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
      WHERE v.collection IS NOT NULL AND ${T};
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM _schemagate.touched) THEN
    RETURN;
  END IF;
  -- Touched keys (a dropped trigger or rule names a relation that may be a table or a view), and
  -- the keys of objects dropped by id (indexes, routines, types), from their baseline rows.
  SELECT COALESCE(pg_catalog.array_agg(x.collection), '{}'), COALESCE(pg_catalog.array_agg(x.key), '{}')
    INTO colls, keys
    FROM (
      SELECT DISTINCT CASE WHEN t.collection = 'relation' THEN c.c ELSE t.collection END AS collection, t.key
        FROM _schemagate.touched t
        LEFT JOIN (VALUES ('tables'), ('views')) c(c) ON t.collection = 'relation'
        WHERE t.key IS NOT NULL AND t.collection IS NOT NULL
      UNION
      SELECT b.collection, b.key FROM _schemagate.touched t
        JOIN _schemagate.baseline b ON b.classid = t.classid AND b.objid = t.objid AND b.self
        WHERE t.collection IS NULL
    ) x;
  SELECT COALESCE(pg_catalog.array_agg(DISTINCT t.relid), '{}') INTO rels FROM _schemagate.touched t WHERE t.relid IS NOT NULL;
  DELETE FROM _schemagate.baseline b USING _schemagate.touched t WHERE b.classid = t.classid AND b.objid = t.objid;
  DELETE FROM _schemagate.baseline b USING ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
    WHERE b.collection = k.collection AND b.key = k.key;
  DELETE FROM _schemagate.baseline b WHERE NOT b.self AND b.objid = ANY (rels);
  INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
    FROM _schemagate.relations v JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = v.collection AND k.key = v.key
    WHERE ${T}
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.types v JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = v.collection AND k.key = v.key
    WHERE ${T}
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.routines v JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = v.collection AND k.key = v.key
    WHERE ${T}
  UNION ALL
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
    FROM pg_catalog.pg_namespace n JOIN ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key)
      ON k.collection = 'namespaces' AND k.key = n.nspname::text
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
    FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
    WHERE v.collection IS NOT NULL AND ${T}
      AND (i.inhparent = ANY (rels) OR EXISTS (
        SELECT 1 FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) k(collection, key) WHERE k.collection = v.collection AND k.key = v.key));
  DELETE FROM _schemagate.touched;
END
$fn$`;function b(e,a=""){return`INSERT INTO _schemagate.touched (phase, classid, objid, collection, command_tag, object_type, identity${a?", key":""})
      VALUES ('end', r.classid, r.objid, ${e}, r.command_tag, r.object_type, r.object_identity${a?`, ${a}`:""})`}i(b,"logRow");var De=`
CREATE OR REPLACE FUNCTION _schemagate.on_ddl_end() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
DECLARE
  r record;
  rel oid;
BEGIN
  FOR r IN SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands() LOOP
    -- GRANT/REVOKE have no object; extension scripts create extension members, which snapshots skip.
    CONTINUE WHEN r.classid IS NULL OR r.in_extension OR r.schema_name = '_schemagate';
    IF r.object_type = 'table column' AND r.command_tag = 'ALTER TABLE' THEN
      -- A renamed column: other tables' foreign keys, views and policies render its new name.
      ${b("'all'")};
      CONTINUE;
    END IF;
    rel := CASE r.classid
      WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN r.objid
      WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN
        (SELECT NULLIF(x.conrelid, 0) FROM pg_catalog.pg_constraint x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN (SELECT x.tgrelid FROM pg_catalog.pg_trigger x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_policy'::pg_catalog.regclass THEN (SELECT x.polrelid FROM pg_catalog.pg_policy x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT x.adrelid FROM pg_catalog.pg_attrdef x WHERE x.oid = r.objid)
      WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT x.ev_class FROM pg_catalog.pg_rewrite x WHERE x.oid = r.objid)
    END;
    IF rel IS NOT NULL THEN
      INSERT INTO _schemagate.touched (phase, classid, objid, relid, collection, key, command_tag, object_type, identity)
      SELECT 'end', r.classid, r.objid, v.relid, v.collection, v.key, r.command_tag, r.object_type, r.object_identity
        FROM _schemagate.relations v WHERE v.oid = rel AND v.collection IS NOT NULL;
    ELSIF r.classid IN ('pg_catalog.pg_constraint'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass) THEN
      INSERT INTO _schemagate.touched (phase, classid, objid, collection, key, command_tag, object_type, identity)
      SELECT 'end', 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, r.command_tag, r.object_type, r.object_identity
        FROM _schemagate.types v
        WHERE v.oid = CASE WHEN r.classid = 'pg_catalog.pg_type'::pg_catalog.regclass THEN r.objid
                ELSE (SELECT x.contypid FROM pg_catalog.pg_constraint x WHERE x.oid = r.objid) END
          AND v.collection IS NOT NULL;
    ELSIF r.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass THEN
      INSERT INTO _schemagate.touched (phase, classid, objid, collection, key, command_tag, object_type, identity)
      SELECT 'end', r.classid, r.objid, v.collection, v.key, r.command_tag, r.object_type, r.object_identity
        FROM _schemagate.routines v WHERE v.oid = r.objid;
    ELSIF r.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass THEN
      ${b("'namespaces'","(SELECT x.nspname::text FROM pg_catalog.pg_namespace x WHERE x.oid = r.objid)")};
    ELSIF r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND r.command_tag <> 'ALTER EXTENSION' THEN
      ${b("'extensions'","(SELECT x.extname::text FROM pg_catalog.pg_extension x WHERE x.oid = r.objid)")};
    ELSE
      -- Casts, operators, ALTER EXTENSION (members come and go), ...: not narrowed.
      ${b("'all'")};
    END IF;
  END LOOP;
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('end', 'all', SQLERRM);
END
$fn$`,D="'table column', 'default value', 'table constraint', 'trigger', 'policy', 'rule'",He="'index', 'function', 'procedure', 'aggregate', 'type', 'domain', 'composite type'",we=`
CREATE OR REPLACE FUNCTION _schemagate.on_sql_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
  WITH d AS MATERIALIZED (
    SELECT * FROM pg_catalog.pg_event_trigger_dropped_objects() o
    WHERE NOT o.is_temporary AND COALESCE(o.schema_name, '') <> '_schemagate'
      AND COALESCE(o.schema_name, '') NOT LIKE 'pg\\_toast%' AND COALESCE(o.schema_name, '') NOT LIKE 'pg\\_temp\\_%'
      AND o.object_type NOT IN ('toast table', 'domain constraint')
  ),
  flags AS (SELECT COALESCE(pg_catalog.bool_or(d.object_type = 'extension'), false) AS extension FROM d)
  INSERT INTO _schemagate.touched (phase, classid, objid, collection, key, object_type, identity)
  SELECT 'drop', d.classid, d.objid,
    CASE
      WHEN d.object_type IN ('table', 'foreign table') THEN 'tables'
      WHEN d.object_type IN ('view', 'materialized view') THEN 'views'
      WHEN d.object_type = 'sequence' THEN 'sequences'
      -- address_names names the table while the catalog row is gone; a trigger or rule may be on a view.
      WHEN d.object_type IN (${D}) THEN 'relation'
      -- Resolved by object id at collect(), from the baseline or an earlier record.
      WHEN d.object_type IN (${He}) THEN NULL
      WHEN d.object_type = 'schema' THEN 'namespaces'
      WHEN d.object_type = 'extension' THEN 'extensions'
      ELSE 'all'
    END,
    CASE
      WHEN d.object_type IN ('schema', 'extension') THEN d.address_names[1]
      WHEN d.object_type IN ('table', 'foreign table', 'view', 'materialized view', 'sequence', ${D})
        THEN d.address_names[1] || '.' || d.address_names[2]
    END,
    d.object_type, d.object_identity
  FROM d, flags
  -- The row type and array type of a dropped table, view or composite type are not model objects.
  WHERE NOT (d.object_type = 'type' AND (d.object_identity LIKE '%[]' OR EXISTS (
      SELECT 1 FROM d r WHERE r.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND r.object_identity = d.object_identity)))
    -- The operators, casts, base types ... of an extension being dropped are not model objects either.
    AND NOT (flags.extension AND d.object_type NOT IN ('table', 'foreign table', 'view', 'materialized view', 'sequence',
      'schema', 'extension', ${D}) AND NOT EXISTS (
        SELECT 1 FROM _schemagate.baseline b WHERE b.classid = d.classid AND b.objid = d.objid AND b.self
        UNION ALL
        SELECT 1 FROM _schemagate.touched t WHERE t.classid = d.classid AND t.objid = d.objid AND t.key IS NOT NULL));
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('drop', 'all', SQLERRM);
END
$fn$`,$e=`
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'schemagate_ddl_end') THEN
    CREATE EVENT TRIGGER schemagate_ddl_end ON ddl_command_end EXECUTE FUNCTION _schemagate.on_ddl_end();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'schemagate_sql_drop') THEN
    CREATE EVENT TRIGGER schemagate_sql_drop ON sql_drop EXECUTE FUNCTION _schemagate.on_sql_drop();
  END IF;
END
$do$`,ge=["SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('schemagate tracker install'))","CREATE SCHEMA IF NOT EXISTS _schemagate",Ce,he,xe,Ie,ke,De,we,$e];var Fe={name:"schemagate_pg_tracker_collect_v1",text:`
WITH RECURSIVE
t AS (SELECT * FROM _schemagate.touched),
direct AS (
  SELECT t.collection, t.key FROM t WHERE t.collection IS NOT NULL
  UNION ALL
  SELECT COALESCE(b.collection, e.collection, 'all'), COALESCE(b.key, e.key)
  FROM t
  LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.baseline x
    WHERE x.classid = t.classid AND x.objid = t.objid AND x.self LIMIT 1) b ON true
  LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.touched x
    WHERE x.phase = 'end' AND x.classid = t.classid AND x.objid = t.objid AND x.key IS NOT NULL LIMIT 1) e ON true
  WHERE t.collection IS NULL
),
identities AS (
  SELECT t.classid, t.objid, t.collection || ' ' || t.key AS ck FROM t
  WHERE t.phase = 'end' AND t.key IS NOT NULL
    AND t.classid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass,
                      'pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass)
  UNION
  SELECT b.classid, b.objid, b.collection || ' ' || b.key FROM _schemagate.baseline b
  WHERE b.self AND EXISTS (SELECT 1 FROM t WHERE t.phase = 'end' AND t.classid = b.classid AND t.objid = b.objid)
),
renamed AS (
  SELECT 'all'::text AS collection, NULL::text AS key
  WHERE EXISTS (SELECT 1 FROM identities GROUP BY classid, objid HAVING pg_catalog.count(DISTINCT ck) > 1)
),
touched_types AS (
  SELECT t.objid AS oid FROM t WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
  UNION
  -- ALTER TYPE on a composite type is recorded against its pg_class row.
  SELECT c.reltype FROM t JOIN pg_catalog.pg_class c ON c.oid = t.objid
  WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.relkind = 'c'
),
type_users AS (
  SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
  WHERE d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid IN (SELECT oid FROM touched_types)
),
seeds AS (
  SELECT t.relid AS oid FROM t WHERE t.relid IS NOT NULL
  UNION
  SELECT CASE u.classid
    WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN u.objid
    WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT x.adrelid FROM pg_catalog.pg_attrdef x WHERE x.oid = u.objid)
    WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN (SELECT NULLIF(x.conrelid, 0) FROM pg_catalog.pg_constraint x WHERE x.oid = u.objid)
    WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT x.ev_class FROM pg_catalog.pg_rewrite x WHERE x.oid = u.objid)
    WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN (SELECT x.tgrelid FROM pg_catalog.pg_trigger x WHERE x.oid = u.objid)
    WHEN 'pg_catalog.pg_policy'::pg_catalog.regclass THEN (SELECT x.polrelid FROM pg_catalog.pg_policy x WHERE x.oid = u.objid)
  END FROM type_users u
),
edges AS (
  SELECT i.inhparent AS parent, i.inhrelid AS child FROM pg_catalog.pg_inherits i
  UNION ALL
  SELECT b.objid, b.relid FROM _schemagate.baseline b WHERE NOT b.self AND b.relid IS NOT NULL
  UNION ALL
  SELECT d.refobjid, rw.ev_class FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
  WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rw.ev_class <> d.refobjid
),
closure AS (
  SELECT oid FROM seeds WHERE oid IS NOT NULL
  UNION
  SELECT e.child FROM closure c JOIN edges e ON e.parent = c.oid
),
dependents AS (
  -- By oid through pg_class's index: joining the relations view would hash all of pg_class.
  SELECT CASE WHEN rc.relkind IN ('v', 'm') THEN 'views' ELSE 'tables' END, rn.nspname || '.' || rc.relname
  FROM closure c
  JOIN pg_catalog.pg_class rc ON rc.oid = c.oid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE rc.relkind IN ('r', 'p', 'f', 'v', 'm')
  UNION ALL
  SELECT v.collection, v.key FROM type_users u JOIN _schemagate.types v ON v.oid = u.objid
  WHERE u.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND v.collection IS NOT NULL
)
SELECT DISTINCT collection, key FROM (
  SELECT * FROM direct UNION ALL SELECT * FROM renamed UNION ALL SELECT * FROM dependents
) all_rows`};function ve(e){let a={},t=i((s,c)=>{let l=a[s]??[];l.push(c),a[s]=l},"add");for(let{collection:s,key:c}of e){if(s==="all"||c===null)return x;if(s==="relation")t("tables",c),t("views",c);else if(W.includes(s))t(s,c);else return x}for(let s of Object.values(a))s.sort();return{all:!1,objects:a}}i(ve,"toScope");var H=class{constructor(a){this.client=a}client;static{i(this,"PostgresTracker")}fullRefresh=!0;async reset(){await this.client.query({name:"schemagate_pg_tracker_reset_v2",text:"SELECT _schemagate.reset($1)",values:[this.fullRefresh]}),this.fullRefresh=!1}async collect(){let a=ve(await A(this.client,Fe,[]));return a.all&&(this.fullRefresh=!0),a}async close(){await this.client.end()}};async function We(e){return(await e.query("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")).rows[0]?.rolsuper===!0}i(We,"isSuperuser");async function pe(e){let a=await R(e);try{if(!await We(a))return await a.end(),null;await a.query("BEGIN");try{for(let s of ge)await a.query(s);await a.query("COMMIT")}catch(s){throw await a.query("ROLLBACK").catch(()=>{}),s}let t=new H(a);return await t.reset(),t}catch(t){throw await a.end().catch(()=>{}),t}}i(pe,"postgresTracker");var aa={engine:"postgres",async introspector(e,a){let t=await R(e),s=await R(e).catch(async c=>{throw await t.end().catch(()=>{}),c});return new O([t,s],[...U,...a?.excludeTables??[]])},tracker:i(e=>pe(e),"tracker")};export{O as PostgresIntrospector,aa as postgresDialect};
