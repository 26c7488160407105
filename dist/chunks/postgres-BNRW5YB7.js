import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as ie}from"./chunk-7WR63IIG.js";import{b as ce}from"./chunk-IX2EAKMI.js";import{a as U,b as v,d as re}from"./chunk-LGWCL2XQ.js";import{a as I}from"./chunk-EYFOV4GO.js";import{c as se}from"./chunk-SPJCFZEU.js";import"./chunk-WX3A2COP.js";import{a as ne,b as oe,d as M}from"./chunk-CMNKDX67.js";import{d as ae,i as L}from"./chunk-HR2DRUW7.js";import{a as n}from"./chunk-RYTIUBPP.js";async function h(e){let a=new ce.Client({connectionString:e,application_name:"schemagate",pipeline:!0});a.on("error",()=>{});try{await a.connect(),await a.query("SET search_path = ''; SET jit = off; SET plan_cache_mode = force_generic_plan")}catch(t){throw await a.end().catch(()=>{}),new ae(`Could not connect to Postgres at ${se(e)}: ${L(t)}`,{cause:t,hint:"Check that the server is running and the URL is right."})}return a}n(h,"connectPg");var Ze={a:"no action",r:"no action",c:"cascade",n:"set null",d:"set default"};function W(e){return Ze[e]??e}n(W,"fkAction");var et={f:"full",p:"partial",s:"simple"};function le(e){return et[e]??e}n(le,"fkMatch");function pe(e){return e.replace(/ ON (DELETE|UPDATE) RESTRICT\b/g,"")}n(pe,"foreignKeyDefinition");var ge={p:"primary key",u:"unique",f:"foreign key",c:"check",x:"exclusion"},Ee={"primary key":"pkey",unique:"key","foreign key":"fkey",check:"check",exclusion:"excl"};function j(e,a,t){for(let s of t){let r=new RegExp(`^(.+)_${s}\\d*$`).exec(a);if(!r)continue;let c=r[1];if(c===e||c.startsWith(`${e}_`))return!0;if(Buffer.byteLength(a)>=60){for(let o=e.length-1;o>0;o--)if(c.startsWith(`${e.slice(0,o)}_`))return!0}}return!1}n(j,"looksGenerated");function de(e,a,t,s){let r=`CREATE ${s?"UNIQUE ":""}INDEX ${a} ON `;if(!e.startsWith(r))return e;let c=e.slice(r.length);return c.startsWith("ONLY ")&&(c=c.slice(5)),c.startsWith(`${t} `)?(c=c.slice(t.length+1),s?`UNIQUE ${c}`:c):e}n(de,"indexDefinition");var tt={smallint:"32767",integer:"2147483647",bigint:"9223372036854775807"};function _e(e,a,t){let s=e==="a"?"always":e==="d"?"by default":null;if(!s)return null;let r=[],c=!t.increment?.startsWith("-"),o=tt[a],l=c?{start:"1",increment:"1",min:"1",max:o}:{start:"-1",increment:"-1",min:o?`-${o}`:void 0,max:"-1"};return t.start!==null&&t.start!==l.start&&r.push(`start ${t.start}`),t.increment!==null&&t.increment!==l.increment&&r.push(`increment ${t.increment}`),t.min!==null&&c&&t.min!==l.min&&r.push(`minvalue ${t.min}`),t.max!==null&&c&&t.max!==l.max&&r.push(`maxvalue ${t.max}`),t.cache!==null&&t.cache!=="1"&&r.push(`cache ${t.cache}`),t.cycle&&r.push("cycle"),r.length?`${s} (${r.join(" ")})`:s}n(_e,"identityText");var at={r:"SELECT",a:"INSERT",w:"UPDATE",d:"DELETE","*":"ALL"};function me(e){let a=[`AS ${e.permissive?"PERMISSIVE":"RESTRICTIVE"}`,`FOR ${at[e.command]??e.command}`,`TO ${e.roles.join(", ")}`];return e.qual!==null&&a.push(`USING (${e.qual})`),e.with_check!==null&&a.push(`WITH CHECK (${e.with_check})`),a.join(" ")}n(me,"policyDefinition");var nt={D:"DISABLE",R:"ENABLE REPLICA",A:"ENABLE ALWAYS"};function Ne(e,a){let t=nt[a];return t?`${e} (${t})`:e}n(Ne,"triggerDefinition");function ot(e){let a={};return e.partition_of&&(a["partition of"]=`${e.partition_of} ${e.partition_bound??""}`.trim()),e.partition_by&&(a["partition by"]=e.partition_by),e.inherits?.length&&(a.inherits=e.inherits.join(", ")),e.rls&&(a.rls=e.rls_forced?"enabled, forced":"enabled"),e.persistence==="u"&&(a.persistence="unlogged"),e.reloptions?.length&&(a.storage=e.reloptions.join(", ")),a}n(ot,"tableOptions");function st(e){let a=new Map;for(let t of e){let s=a.get(t.table_key)??new Map;s.set(t.attnum,t),a.set(t.table_key,s)}return a}n(st,"attributesOf");function rt(e){let a=(e&1)===1,t=(e&2)===2;return a?t?" DESC":" DESC NULLS LAST":t?" NULLS FIRST":""}n(rt,"ordering");function ct(e,a){let t=e.constraint?["pkey","key","excl"]:["idx"],s=a.get(e.owner_key),r=n(l=>e.rendered?.[l]??s?.get(e.indkey[l])?.quoted??`#${e.indkey[l]}`,"column"),c=e.indkey.slice(0,e.key_count).map((l,E)=>r(E)+rt(e.indoption[E]??0)),o=e.indkey.slice(e.key_count).map((l,E)=>r(e.key_count+E));return{name:e.name,definition:de(e.indexdef,e.quoted_name,e.owner_ref,e.unique),unique:e.unique,method:e.method,columns:c,include:o,where:e.predicate,constraint:e.constraint,generatedName:j(e.owner_name,e.name,t)}}n(ct,"toIndex");function ue(e){let{namespaces:a,extensions:t,enums:s,types:r,sequences:c,tables:o,columns:l,constraints:E,indexes:S,triggers:A,policies:u,views:$,routines:ze}=e,N=ne("postgres");for(let i of a)N.namespaces[i.name]={name:i.name,comment:i.comment};for(let i of t)N.extensions[i.name]={name:i.name,schema:i.schema,version:i.version};for(let i of s)N.enums[`${i.schema}.${i.name}`]={...i};for(let i of r)N.types[`${i.schema}.${i.name}`]={...i};for(let i of c)N.sequences[`${i.schema}.${i.name}`]={schema:i.schema,name:i.name,type:i.type,start:i.start,increment:i.increment,min:i.min,max:i.max,cache:i.cache,cycle:i.cycle,ownedBy:i.owned_by};for(let i of o)N.tables[`${i.schema}.${i.name}`]=it(i);let te=st(l);lt(N.tables,l,E,A,u,te);for(let i of $){let w=i.reloptions?.length?`WITH (${i.reloptions.join(", ")})
`:"";N.views[`${i.schema}.${i.name}`]={schema:i.schema,name:i.name,materialized:i.materialized,definition:`${w}${i.definition}`,columns:i.columns,indexes:{},comment:i.comment}}for(let i of S){let w=i.owner_kind==="m"?N.views[i.owner_key]:N.tables[i.owner_key];w&&(w.indexes[i.name]=ct(i,te))}for(let i of ze)N.routines[`${i.schema}.${i.name}(${i.arguments})`]={...i};return N}n(ue,"assembleSchema");function it(e){return{schema:e.schema,name:e.name,kind:e.relkind==="p"?"partitioned table":e.relkind==="f"?"foreign table":"table",columns:{},constraints:{},indexes:{},triggers:{},policies:{},options:ot(e),comment:e.comment}}n(it,"toTable");function lt(e,a,t,s,r,c){for(let o of a){let l=e[o.table_key];l&&(l.columns[o.name]={name:o.name,position:o.position,type:o.type,nullable:o.nullable,default:o.default,identity:_e(o.identity,o.type,{start:o.seq_start,increment:o.seq_increment,min:o.seq_min,max:o.seq_max,cache:o.seq_cache,cycle:o.seq_cycle}),generated:o.generated===null?null:`${o.generated} ${o.generated_kind==="v"?"virtual":"stored"}`,collation:o.collation,comment:o.comment})}for(let o of t){let l=e[o.table_key],E=ge[o.contype];if(!l||!E)continue;let S=E==="foreign key";l.constraints[o.name]={name:o.name,kind:E,definition:S?pe(o.definition):o.definition,columns:o.conkey.map(A=>c.get(o.table_key)?.get(A)?.name??`#${A}`),generatedName:j(o.table_name,o.name,[Ee[E]]),...S?{foreignKey:{table:o.ref_table??"",columns:o.ref_columns??[],onDelete:W(o.on_delete),onUpdate:W(o.on_update),match:le(o.match)}}:{},deferrable:o.deferrable?o.deferred?"deferrable initially deferred":"deferrable initially immediate":"not deferrable"}}for(let o of s){let l=e[o.table_key];l&&(l.triggers[o.name]={name:o.name,definition:Ne(o.definition,o.enabled)})}for(let o of r){let l=e[o.table_key];l&&(l.policies[o.name]={name:o.name,definition:me(o)})}}n(lt,"fillTables");function _(e){return`${e}.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
    AND ${e}.nspname NOT LIKE 'pg\\_toast%' AND ${e}.nspname NOT LIKE 'pg\\_temp\\_%'`}n(_,"userSchema");function m(e,a){return`NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
    WHERE dep.classid = '${e}'::pg_catalog.regclass AND dep.objid = ${a} AND dep.deptype = 'e')`}n(m,"notExtensionMember");function d(e,a,t="relname"){return`(${e}.nspname || '.' || ${a}.${t})`}n(d,"keyOf");function T(e,a,t,s="0"){return`LEFT JOIN pg_catalog.pg_description ${e} ON ${e}.objoid = ${t}
    AND ${e}.classoid = '${a}'::pg_catalog.regclass AND ${e}.objsubid = ${s}`}n(T,"commentJoin");function C(e){return`schemagate.scope_${e}`}n(C,"scopeSetting");function p(e,a,t){return e==="all"?"true":`${t} = ANY(pg_catalog.current_setting('${C(a)}')::pg_catalog.oid[])`}n(p,"inScope");function g(e,a){return`${e}_${a}`}n(g,"named");function R(e="c",a="n"){return`${e}.relkind IN ('r', 'p', 'f') AND ${_(a)} AND ${m("pg_class",`${e}.oid`)}
    AND ${e}.relname <> ALL($1::text[])`}n(R,"userTable");var Te=n(e=>({name:g("schemagate_pg_columns_v3",e),text:`
SELECT ${d("n","c")} AS table_key, a.attname::text AS name, a.attnum::int AS attnum,
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
${T("dsc","pg_catalog.pg_class","a.attrelid","a.attnum")}
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_depend sd ON a.attidentity <> '' AND sd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = sd.objid
WHERE a.attnum > 0 AND NOT a.attisdropped AND ${R()} AND ${p(e,"rels","a.attrelid")}`}),"columnsQuery");function pt(e,a){return`ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(${a}) WITH ORDINALITY k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${e} AND a.attnum = k.num ORDER BY k.ord)`}n(pt,"attnames");var Re=n(e=>({name:g("schemagate_pg_constraints_v3",e),text:`
SELECT ${d("n","c")} AS table_key, c.relname::text AS table_name, con.conname::text AS name,
  con.contype::text AS contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  COALESCE(con.conkey::int[], '{}') AS conkey,
  CASE WHEN con.contype = 'f' THEN ${d("fn","fc")} END AS ref_table,
  CASE WHEN con.contype = 'f' THEN ${pt("con.confrelid","con.confkey")} END AS ref_columns,
  con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, con.confmatchtype::text AS match,
  con.condeferrable AS deferrable, con.condeferred AS deferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND ${R()} AND ${p(e,"rels","con.conrelid")}
  AND NOT (con.conparentid <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc
    WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid))`}),"constraintsQuery");var Se=n(e=>({name:g("schemagate_pg_enums_v2",e),text:`
SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values,
  dsc.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
${T("dsc","pg_catalog.pg_type","t.oid")}
WHERE t.typtype = 'e' AND ${_("n")} AND ${m("pg_type","t.oid")}
  AND ${p(e,"types","t.oid")}`}),"enumsQuery");var he=n(e=>({name:g("schemagate_pg_extensions_v2",e),text:`
SELECT e.extname::text AS name, n.nspname::text AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE ${p(e,"exts","e.oid")}`}),"extensionsQuery");var ye=n(e=>({name:g("schemagate_pg_indexes_v3",e),text:`
SELECT ${d("n","c")} AS owner_key, c.relname::text AS owner_name, c.relkind::text AS owner_kind,
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
WHERE c.relkind IN ('r', 'p', 'f', 'm') AND ${_("n")} AND ${m("pg_class","c.oid")}
  AND c.relname <> ALL($1::text[]) AND ${p(e,"rels","i.indrelid")}`}),"indexesQuery");var Ae=n(e=>({name:g("schemagate_pg_namespaces_v2",e),text:`
SELECT n.nspname::text AS name, dsc.description AS comment
FROM pg_catalog.pg_namespace n
${T("dsc","pg_catalog.pg_namespace","n.oid")}
WHERE ${_("n")} AND ${m("pg_namespace","n.oid")}
  AND ${p(e,"nsps","n.oid")}`}),"namespacesQuery");var Oe=n(e=>({name:g("schemagate_pg_policies_v2",e),text:`
SELECT ${d("n","c")} AS table_key, p.polname::text AS name, p.polpermissive AS permissive,
  p.polcmd::text AS command,
  ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.oid)) END
    FROM pg_catalog.unnest(p.polroles) AS r(oid) ORDER BY 1) AS roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${R()} AND ${p(e,"rels","p.polrelid")}`}),"policiesQuery");var Le="(n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')')",fe=n(e=>({name:g("schemagate_pg_routines_v2",e),text:`
SELECT n.nspname::text AS schema, p.proname::text AS name,
  CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
  pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w') AND ${_("n")} AND ${m("pg_proc","p.oid")}
  AND ${p(e,"procs","p.oid")}`}),"routinesQuery");async function f(e,a,t){return(await e.query({name:a.name,text:a.text,values:t})).rows}n(f,"runNamed");function q(e,a=t=>t){return`ARRAY(SELECT ${a("pg_catalog.substr(sk.k, sp.p + 1)")} FROM pg_catalog.unnest(${e}) sk(k),
    pg_catalog.generate_series(1, pg_catalog.length(sk.k)) sp(p) WHERE pg_catalog.substr(sk.k, sp.p, 1) = '.')::pg_catalog.name[]`}n(q,"candidates");function k(e){return`COALESCE((${e}), '{}')::text`}n(k,"oids");function P(e){let a=n((s,r)=>k(`SELECT pg_catalog.array_agg(c.oid) FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY(${q(r)}) AND c.relkind IN (${s}) AND ${d("n","c")} = ANY(${r})`),"relation"),t={rels:a("'r', 'p', 'f', 'v', 'm'",e.rels),seqs:a("'S'",e.seqs),types:k(`SELECT pg_catalog.array_agg(t.oid) FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typname = ANY(${q(e.types)}) AND ${d("n","t","typname")} = ANY(${e.types})`),procs:k(`SELECT pg_catalog.array_agg(p.oid) FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proname = ANY(${q(e.procs,s=>`pg_catalog.split_part(${s}, '(', 1)`)})
        AND ${Le} = ANY(${e.procs})`),nsps:k(`SELECT pg_catalog.array_agg(n.oid) FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY(${e.nsps}::pg_catalog.name[])`),exts:k(`SELECT pg_catalog.array_agg(e.oid) FROM pg_catalog.pg_extension e WHERE e.extname = ANY(${e.exts}::pg_catalog.name[])`)};return Object.keys(t).map(s=>`pg_catalog.set_config('${C(s)}', ${t[s]}, false)`)}n(P,"setScopeExpressions");var be={name:"schemagate_pg_set_scope_v1",text:`SELECT ${P({rels:"$1::text[]",seqs:"$2::text[]",types:"$3::text[]",procs:"$4::text[]",nsps:"$5::text[]",exts:"$6::text[]"}).join(`,
  `)}`};var xe=n(e=>({name:g("schemagate_pg_sequences_v2",e),text:`
SELECT n.nspname::text AS schema, c.relname::text AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle,
  (SELECT ${d("on_","oc")} || '.' || oa.attname
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
WHERE ${_("n")} AND ${m("pg_class","c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND (d.deptype = 'i' OR (d.deptype = 'a' AND oc.relname = ANY($1::text[]))))
  AND ${p(e,"seqs","s.seqrelid")}`}),"sequencesQuery");var Ie=n(e=>({name:g("schemagate_pg_tables_v2",e),text:`
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
${T("dsc","pg_catalog.pg_class","c.oid")}
WHERE ${R()} AND ${p(e,"rels","c.oid")}`}),"tablesQuery");var Ce=n(e=>({name:g("schemagate_pg_triggers_v2",e),text:`
SELECT ${d("n","c")} AS table_key, t.tgname::text AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled::text AS enabled
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND ${R()} AND ${p(e,"rels","t.tgrelid")}`}),"triggersQuery");var ke=n(e=>({name:g("schemagate_pg_types_v2",e),text:`
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
  AND ${_("n")} AND ${m("pg_type","t.oid")}
  AND ${p(e,"types","t.oid")}`}),"typesQuery");var De=n(e=>({name:g("schemagate_pg_views_v2",e),text:`
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid) AS definition,
  ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum) AS columns,
  c.reloptions::text[] AS reloptions,
  dsc.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${T("dsc","pg_catalog.pg_class","c.oid")}
WHERE c.relkind IN ('v', 'm') AND ${_("n")} AND ${m("pg_class","c.oid")}
  AND ${p(e,"rels","c.oid")}`}),"viewsQuery");var x=[{kind:"columns",query:Te,excludes:!0,list:"rels",lane:0},{kind:"tables",query:Ie,excludes:!0,list:"rels",lane:0},{kind:"sequences",query:xe,excludes:!0,list:"seqs",lane:0},{kind:"namespaces",query:Ae,excludes:!1,list:"nsps",lane:0},{kind:"extensions",query:he,excludes:!1,list:"exts",lane:0},{kind:"enums",query:Se,excludes:!1,list:"types",lane:0},{kind:"types",query:ke,excludes:!1,list:"types",lane:0},{kind:"indexes",query:ye,excludes:!0,list:"rels",lane:1},{kind:"constraints",query:Re,excludes:!0,list:"rels",lane:1},{kind:"triggers",query:Ce,excludes:!0,list:"rels",lane:1},{kind:"policies",query:Oe,excludes:!0,list:"rels",lane:1},{kind:"views",query:De,excludes:!1,list:"rels",lane:1},{kind:"routines",query:fe,excludes:!1,list:"procs",lane:1}],gt={tables:"rels",views:"rels",sequences:"seqs",enums:"types",types:"types",routines:"procs",namespaces:"nsps",extensions:"exts"};function Et(){return Object.fromEntries(x.map(e=>[e.kind,[]]))}n(Et,"emptyRows");async function F(e,a,t,s,r){let c=r?f(e,r.query,r.values):Promise.resolve([]),o=t.map(u=>f(e,u.query(a),u.excludes?[s]:[])),l=await Promise.allSettled([c,...o]),E=l.find(u=>u.status==="rejected");if(E)throw E.reason;let S=l.map(u=>u.value),A={};return t.forEach((u,$)=>{A[u.kind]=S[$+1]}),{prelude:S[0],rows:A}}n(F,"runLane");function b(e){return ue({...Et(),...e})}n(b,"assembleRows");var O=class{constructor(a,t){this.clients=a;this.excludedTables=t}clients;excludedTables;static{n(this,"PostgresIntrospector")}async full(){let[a,t]=[this.clients[0],this.clients[1]],s=n(r=>x.filter(c=>c.lane===r),"lane");if(t){let[r,c]=await Promise.all([F(a,"all",s(0),this.excludedTables),F(t,"all",s(1),this.excludedTables)]);return b({...r.rows,...c.rows})}return b((await F(a,"all",x,this.excludedTables)).rows)}async snapshot(a){if(!a||a.all)return this.full();let t={rels:[],seqs:[],types:[],procs:[],nsps:[],exts:[]};for(let[c,o]of Object.entries(a.objects))t[gt[c]].push(...o);let s=x.filter(c=>t[c.list].length>0);if(s.length===0)return b({});let{rows:r}=await F(this.clients[0],"scope",s,this.excludedTables,{query:be,values:[t.rels,t.seqs,t.types,t.procs,t.nsps,t.exts]});return b(r)}async close(){await Promise.all(this.clients.map(a=>a.end().catch(()=>{})))}};var G=n(e=>`"${e.replace(/"/g,'""')}"`,"ident"),we=n(e=>`'${e.replace(/'/g,"''")}'`,"literal");function dt(e,a,t){let s=`${G(a.schema)}.${G(a.name)}`,r=t.map(c=>`(${we(c)}, t.${G(c)}::text)`).join(", ");return`SELECT ${we(e)} AS t, (SELECT count(*) FROM ${s})::int AS n, x.c,
  pg_catalog.md5(COALESCE(string_agg(COALESCE(x.v, E'\\\\N'), E'\\x1f' ORDER BY x.v), '')) AS hash,
  count(x.v)::int AS non_null,
  (array_agg(DISTINCT left(x.v, ${40})) FILTER (WHERE x.v IS NOT NULL))[1:${3}] AS sample
FROM ${s} AS t, LATERAL (VALUES ${r}) AS x(c, v) GROUP BY x.c`}n(dt,"tableQuery");async function B(e,a){let t=a.filter(([,o])=>o.kind==="table"&&Object.keys(o.columns).length>0),s=Object.fromEntries(t.map(([o])=>[o,{rows:0,columns:{}}])),r=t.map(([o,l])=>dt(o,l,Object.keys(l.columns)));if(r.length===0)return s;let{rows:c}=await e.query(r.join(`
UNION ALL
`));for(let o of c){s[o.t]??={rows:o.n,columns:{}};let l=s[o.t];l.rows=o.n,l.columns[o.c]={nonNull:o.non_null,hash:o.hash,sample:o.sample??[]}}return s}n(B,"postgresContent");function Fe(e){let a={};for(let t of e){let s=a[t.table_key]??{rows:Number(t.rows),columns:{}};a[t.table_key]=s,t.col!==null&&(s.columns[t.col]={nonNull:Number(t.non_null),hash:t.hash??"",sample:t.sample??[]})}return a}n(Fe,"contentOf");async function _t(e){let{rows:a}=await e.query("DELETE FROM _schemagate.content_before RETURNING table_key, col, rows, hash, non_null, sample");return Fe(a)}n(_t,"takeCapturedContent");async function He(e){let[a,t]=await Promise.all([e.query("SELECT * FROM _schemagate.content_after()"),_t(e)]);return{before:t,now:Fe(a.rows)}}n(He,"takeCapturedContentAndNow");var mt=`
CREATE OR REPLACE FUNCTION _schemagate.column_content(rel regclass)
RETURNS TABLE (col text, rows bigint, hash text, non_null bigint, sample text[])
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  unpivot text;
BEGIN
  SELECT pg_catalog.string_agg(pg_catalog.format('(%L, t.%I::text)', a.attname, a.attname), ', ' ORDER BY a.attnum)
    INTO unpivot
  FROM pg_catalog.pg_attribute a WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped;
  IF unpivot IS NOT NULL THEN
    RETURN QUERY EXECUTE pg_catalog.format($q$
      SELECT x.c, (SELECT count(*) FROM %1$s), pg_catalog.md5(COALESCE(pg_catalog.string_agg(
          COALESCE(x.v, E'\\\\N'), E'\\x1f' ORDER BY x.v), '')),
        count(x.v), (pg_catalog.array_agg(DISTINCT pg_catalog.left(x.v, ${40}))
          FILTER (WHERE x.v IS NOT NULL))[1:${3}]
      FROM %1$s AS t, LATERAL (VALUES %2$s) AS x(c, v) GROUP BY x.c$q$, rel, unpivot);
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::text, 0::bigint, NULL::text, 0::bigint, NULL::text[];
  END IF;
END $fn$`,$e=`
CREATE SCHEMA IF NOT EXISTS _schemagate;
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.content_before (
  relid oid NOT NULL, nsp name NOT NULL, rel name NOT NULL, table_key text NOT NULL, col text,
  rows bigint NOT NULL, hash text, non_null bigint, sample text[]
);
${mt};

-- Which tables a statement can change the values of, summarised before it runs: the tables the query
-- names, as whole words (quoted or not, any case), that hold rows (an empty table has nothing to
-- lose). For ALTER TABLE only its targets: a table it merely references (a foreign key's parent)
-- keeps its values, and the parent of a new foreign key is the most common such name.
CREATE OR REPLACE FUNCTION _schemagate.capture_named(query text, tag text) RETURNS void
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  r record;
  scope text := query;
BEGIN
  IF tag = 'ALTER TABLE' THEN
    SELECT pg_catalog.string_agg(m[1], ' ') INTO scope
    FROM pg_catalog.regexp_matches(query,
      '\\malter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?((?:"(?:[^"]|"")+"|[^\\s".;(]+)(?:\\s*\\.\\s*(?:"(?:[^"]|"")+"|[^\\s".;(]+))?)',
      'gi') m;
    scope := COALESCE(scope, query); -- written in a form the pattern misses: every name it uses
  END IF;
  FOR r IN
    WITH words AS MATERIALIZED (
      SELECT pg_catalog.regexp_split_to_table(scope, '[^[:alnum:]_$]+') AS w
      UNION SELECT pg_catalog.regexp_split_to_table(pg_catalog.lower(scope), '[^[:alnum:]_$]+')
      UNION SELECT pg_catalog.replace(m[1], '""', '"') FROM pg_catalog.regexp_matches(scope, '"((?:[^"]|"")+)"', 'g') m)
    SELECT c.oid, n.nspname, c.relname, n.nspname || '.' || c.relname AS table_key
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = ANY (ARRAY(SELECT w FROM words)::name[]) AND c.relkind = 'r'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate') AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM _schemagate.content_before b WHERE b.relid = c.oid)
      AND pg_catalog.pg_relation_size(c.oid) > 0
  LOOP
    BEGIN
      INSERT INTO _schemagate.content_before
      SELECT r.oid, r.nspname, r.relname, r.table_key, s.col, s.rows, s.hash, s.non_null, s.sample
      FROM _schemagate.column_content(r.oid) s;
    EXCEPTION WHEN OTHERS THEN NULL; -- never fail the user's migration for a summary
    END;
  END LOOP;
END $fn$;

-- The same summary, now, of every captured table that exists (by name: a down may have dropped and
-- re-created it), so that after the down the comparison needs no client-side query of its own.
CREATE OR REPLACE FUNCTION _schemagate.content_after()
RETURNS TABLE (table_key text, col text, rows bigint, hash text, non_null bigint, sample text[])
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  -- PL/pgSQL rather than SQL: its plan is kept for the session, where a SQL function plans on every call.
  RETURN QUERY
  SELECT t.table_key, s.col, s.rows, s.hash, s.non_null, s.sample
  FROM (SELECT DISTINCT b.nsp, b.rel, b.table_key FROM _schemagate.content_before b) t
  JOIN pg_catalog.pg_namespace n ON n.nspname = t.nsp
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.rel AND c.relkind = 'r',
  LATERAL _schemagate.column_content(c.oid) s;
END $fn$;
`;var Nt=`CREATE TABLE IF NOT EXISTS _schemagate.probe_switch (on_ boolean NOT NULL);
INSERT INTO _schemagate.probe_switch SELECT true WHERE NOT EXISTS (SELECT 1 FROM _schemagate.probe_switch);`,ut=`ARRAY['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock',
  'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock']`,J=`SELECT DISTINCT ON (l.relation) l.relation, l.mode FROM pg_catalog.pg_locks l
    WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted
    ORDER BY l.relation, pg_catalog.array_position(${ut}, l.mode) DESC`,Tt=`n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`,Me=`
CREATE SCHEMA IF NOT EXISTS _schemagate;
${$e}
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.lock_log (
  seq bigserial PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  statement text,
  command_tag text,
  relid oid NOT NULL,
  relation text NOT NULL,
  lock text,
  scans bigint NOT NULL DEFAULT 0,
  rows_read bigint NOT NULL DEFAULT 0,
  rewritten boolean NOT NULL DEFAULT false,
  built_index boolean NOT NULL DEFAULT false,
  lock_before text
);
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.scan_baseline (
  pid int NOT NULL, relid oid NOT NULL, xid xid8 NOT NULL, seq_scan bigint NOT NULL, seq_tup_read bigint NOT NULL,
  indexes oid[], lock_before text, PRIMARY KEY (pid, relid)
);
CREATE UNLOGGED TABLE IF NOT EXISTS _schemagate.rewrites (pid int NOT NULL, relid oid NOT NULL);
${Nt}

CREATE OR REPLACE FUNCTION _schemagate.probe_start() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF NOT (SELECT s.on_ FROM _schemagate.probe_switch s) THEN RETURN; END IF;
  -- Only a statement that can change or drop values already in a table needs that table's content
  -- first. CREATE (a table, an index, a foreign key to a parent), an index's DROP or ALTER (an index
  -- holds no values of its own), COMMENT and GRANT cannot, and they are most of a typical history's
  -- DDL: skipping them saves the name match and the summary.
  IF TG_TAG NOT LIKE 'CREATE %' AND TG_TAG NOT IN ('DROP INDEX', 'ALTER INDEX', 'COMMENT', 'GRANT', 'REVOKE',
      'SECURITY LABEL') THEN
    PERFORM _schemagate.capture_named(pg_catalog.current_query(), TG_TAG);
  END IF;
  -- The scan counters of the xact functions are the backend's pending (unflushed) ones, which may
  -- include earlier transactions of the last second, so the first statement of a transaction takes
  -- a baseline of every table with a count (pg_class with the counter functions, not the
  -- pg_stat_xact_user_tables view). Within the transaction only the tables it has locked can have
  -- counted anything since (a scan needs a lock, and pending counts are flushed only between
  -- transactions), so later statements refresh just those rows: one scan of pg_class per
  -- transaction instead of per statement. The index list is kept for locked tables only (others
  -- cannot have an index from an earlier statement of this transaction).
  IF EXISTS (SELECT 1 FROM _schemagate.scan_baseline b
      WHERE b.pid = pg_catalog.pg_backend_pid() AND b.xid = pg_catalog.pg_current_xact_id()) THEN
    INSERT INTO _schemagate.scan_baseline
    SELECT pg_catalog.pg_backend_pid(), l.relation, pg_catalog.pg_current_xact_id(),
      pg_catalog.pg_stat_get_xact_numscans(l.relation), pg_catalog.pg_stat_get_xact_tuples_returned(l.relation),
      ARRAY(SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = l.relation), l.mode
    FROM (${J}) l
    JOIN pg_catalog.pg_class c ON c.oid = l.relation
    WHERE c.relkind IN ('r', 'p', 'm') AND c.relnamespace <> '_schemagate'::pg_catalog.regnamespace
    ON CONFLICT (pid, relid) DO UPDATE SET xid = excluded.xid, seq_scan = excluded.seq_scan,
      seq_tup_read = excluded.seq_tup_read, indexes = excluded.indexes, lock_before = excluded.lock_before;
    RETURN;
  END IF;
  DELETE FROM _schemagate.scan_baseline WHERE pid = pg_catalog.pg_backend_pid();
  INSERT INTO _schemagate.scan_baseline
  WITH locked AS MATERIALIZED (${J})
  SELECT pg_catalog.pg_backend_pid(), c.oid, pg_catalog.pg_current_xact_id(),
    pg_catalog.pg_stat_get_xact_numscans(c.oid), pg_catalog.pg_stat_get_xact_tuples_returned(c.oid),
    CASE WHEN locked.relation IS NOT NULL
      THEN ARRAY(SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid) END,
    locked.mode
  FROM pg_catalog.pg_class c LEFT JOIN locked ON locked.relation = c.oid
  WHERE c.relkind IN ('r', 'p', 'm') AND c.relnamespace <> '_schemagate'::pg_catalog.regnamespace
    AND (pg_catalog.pg_stat_get_xact_numscans(c.oid) > 0 OR locked.relation IS NOT NULL);
EXCEPTION WHEN OTHERS THEN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION _schemagate.lock_probe_rewrite() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  IF NOT (SELECT s.on_ FROM _schemagate.probe_switch s) THEN RETURN; END IF;
  INSERT INTO _schemagate.rewrites VALUES (pg_catalog.pg_backend_pid(), pg_catalog.pg_event_trigger_table_rewrite_oid());
EXCEPTION WHEN OTHERS THEN NULL;
END $fn$;

CREATE OR REPLACE FUNCTION _schemagate.lock_probe_end() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
  me int := pg_catalog.pg_backend_pid();
BEGIN
  IF NOT (SELECT s.on_ FROM _schemagate.probe_switch s) THEN RETURN; END IF;
  -- One row per user table with rows on which this backend now holds a lock that blocks writes,
  -- with the strongest mode it holds: nothing else can be a hazard, or a quiet statement worth
  -- naming, so nothing else is written. pg_locks is built from the whole lock table on every read:
  -- read it once, this backend's relation locks only. A table that has rows after the statement had
  -- them while the statement worked (DDL does not add rows), unless the statement created it.
  INSERT INTO _schemagate.lock_log (statement, command_tag, relid, relation, lock, scans, rows_read, rewritten,
    built_index, lock_before)
  WITH mine AS MATERIALIZED (${J})
  SELECT pg_catalog.current_query(), TG_TAG, c.oid,
    pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
    mine.mode,
    pg_catalog.pg_stat_get_xact_numscans(c.oid) - COALESCE(b.seq_scan, 0),
    pg_catalog.pg_stat_get_xact_tuples_returned(c.oid) - COALESCE(b.seq_tup_read, 0),
    EXISTS (SELECT 1 FROM _schemagate.rewrites r WHERE r.pid = me AND r.relid = c.oid),
    -- An index the table did not have when the statement started (CREATE INDEX, ADD PRIMARY KEY/UNIQUE):
    -- one the baseline does not list, or, for a table this transaction had not locked before, one
    -- created by this transaction.
    EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = c.oid AND CASE WHEN b.indexes IS NOT NULL THEN i.indexrelid <> ALL (b.indexes)
        ELSE ic.xmin = pg_catalog.pg_current_xact_id()::xid END),
    -- The mode already held when the statement started (an earlier statement of the transaction
    -- took it): a lock this statement did not take is not its to explain.
    CASE WHEN b.xid = pg_catalog.pg_current_xact_id() THEN b.lock_before END
  FROM mine
  JOIN pg_catalog.pg_class c ON c.oid = mine.relation
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN _schemagate.scan_baseline b ON b.pid = me AND b.relid = c.oid
  WHERE mine.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
    AND c.relkind IN ('r', 'm') AND ${Tt} AND pg_catalog.pg_relation_size(c.oid) > 0;
  DELETE FROM _schemagate.rewrites WHERE pid = me;
EXCEPTION WHEN OTHERS THEN NULL;
END $fn$;

DROP EVENT TRIGGER IF EXISTS schemagate_probe_start;
DROP EVENT TRIGGER IF EXISTS schemagate_lock_probe_rewrite;
DROP EVENT TRIGGER IF EXISTS schemagate_lock_probe_end;
CREATE EVENT TRIGGER schemagate_probe_start ON ddl_command_start EXECUTE FUNCTION _schemagate.probe_start();
CREATE EVENT TRIGGER schemagate_lock_probe_rewrite ON table_rewrite EXECUTE FUNCTION _schemagate.lock_probe_rewrite();
CREATE EVENT TRIGGER schemagate_lock_probe_end ON ddl_command_end EXECUTE FUNCTION _schemagate.lock_probe_end();
`;var Ue=new Set(["ShareLock","ShareRowExclusiveLock","ExclusiveLock","AccessExclusiveLock"]);async function ve(e){await e.query(Me)}n(ve,"installProbes");async function X(e){let{rows:a}=await e.query(`DELETE FROM _schemagate.lock_log RETURNING seq, statement, command_tag, relation, lock, scans::int,
       rows_read::int, rewritten, built_index, lock_before`);return a.sort((t,s)=>Number(t.seq)-Number(s.seq)).map(t=>({statement:t.statement??"",commandTag:t.command_tag??"",relation:t.relation,lock:t.lock,scans:t.scans,rowsRead:t.rows_read,rewritten:t.rewritten,builtIndex:t.built_index,lockBefore:t.lock_before}))}n(X,"takeLockLog");function We(e){return e.rewritten?"rewrite":e.builtIndex&&e.rowsRead>0?"index-build":e.scans>0&&e.rowsRead>0?"scan":null}n(We,"workOf");function je(e,a){let t=[],s=new Set;for(let r of e){let c=We(r);if(!c||!r.lock||!Ue.has(r.lock))continue;let o=r.statement.trim(),l=`${o}\0${r.relation}\0${c}`;s.has(l)||(s.add(l),t.push({statement:o,relation:r.relation,lock:r.lock,work:c,direction:a,safer:ie(c,o)}))}return t}n(je,"hazardsOf");function qe(e){let a=new Set;for(let t of e)We(t)||!t.lock||!Ue.has(t.lock)||t.lockBefore===t.lock||a.add(`${t.statement.trim()}: ${t.lock} on ${t.relation} only briefly (no rewrite, scan or index build measured)`);return[...a]}n(qe,"quietOf");var D=n(e=>`"${e.replace(/"/g,'""')}"`,"ident"),K=n(e=>`${D(e.schema)}.${D(e.name)}`,"qualified"),Rt=n(e=>`'${e.replace(/'/g,"''")}'`,"literal");function Pe(e){return{async emptyTables(a){if(a.length===0)return new Set;let t=a.map(([r,c])=>`SELECT ${Rt(r)} AS key WHERE NOT EXISTS (SELECT 1 FROM ${K(c)})`).join(`
UNION ALL
`),{rows:s}=await e.query(t);return new Set(s.map(r=>r.key))},async keyValues(a,t,s){let{rows:r}=await e.query({text:`SELECT DISTINCT ${t.map(c=>`${D(c)}::text`).join(", ")} FROM ${K(a)} WHERE ${t.map(c=>`${D(c)} IS NOT NULL`).join(" AND ")} ORDER BY 1 LIMIT ${Math.max(1,Math.floor(s))}`,rowMode:"array"});return r},async insert(a,t,s){if(s.length===0)return{ok:!0};let r=[],c=s.map(l=>`(${l.map((E,S)=>(r.push(E),`$${r.length}::${t[S].type}`)).join(", ")})`),o=`INSERT INTO ${K(a)} (${t.map(l=>D(l.name)).join(", ")}) VALUES ${c.join(", ")}`;try{return await e.query(o,r),{ok:!0}}catch(l){return{ok:!1,error:L(l)}}}}}n(Pe,"postgresSeedTarget");var St="DELETE FROM _schemagate.lock_log; DELETE FROM _schemagate.content_before; UPDATE _schemagate.probe_switch SET on_ = true",V="UPDATE _schemagate.probe_switch SET on_ = false",Ge="locks not measured: the URL\u2019s role is not a superuser, and measuring needs event triggers";async function Qe(e,a){let t=await h(e);try{a.superuser&&(await ve(t),await t.query(V))}catch(s){throw await t.end().catch(()=>{}),s}return new z(t,a)}n(Qe,"openPostgresRehearsal");var z=class{constructor(a,t){this.client=a;this.options=t}client;options;static{n(this,"PostgresRehearsal")}before=null;probing=!1;armed=null;seed(a,t){return this.options.superuser&&this.arm(),re(a,Pe(this.client),{rows:this.options.rows,tables:t})}arm(){return this.armed||(this.armed=this.client.query(St),this.armed.catch(()=>{}),this.probing=!0),this.armed}async beforeUp(a){this.options.superuser?(await this.arm(),this.armed=null):this.before=await B(this.client,U(a))}async afterUp(){return this.options.superuser?Ye(await X(this.client),"up"):{hazards:[],notes:[],unmeasured:Ge}}async afterDown(a){if(!this.options.superuser){let o=await a,l=await B(this.client,U(o.afterDown,Object.keys(this.before??{}))),E=v(this.before??{},l,o.before);return{hazards:[],notes:[],unmeasured:Ge,lost:E}}let[t,s,,r]=await Promise.all([X(this.client),He(this.client),this.client.query(V),a]);return this.probing=!1,{...Ye(t,"down"),lost:v(s.before,s.now,r.before)}}async afterReapply(){return{hazards:[],notes:[]}}async finish(){this.probing&&(this.armed=null,await this.client.query(V),this.probing=!1)}async close(){await this.client.end().catch(()=>{})}};function Ye(e,a){return{hazards:je(e,a),notes:[],quiet:qe(e)}}n(Ye,"measured");var ht=`
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
JOIN pg_catalog.pg_namespace onsp ON onsp.oid = o.relnamespace`,yt=`
CREATE OR REPLACE VIEW _schemagate.types AS
SELECT t.oid, n.nspname::text AS schema_name,
  CASE WHEN t.typtype = 'e' THEN 'enums' WHEN t.typtype IN ('d', 'r') THEN 'types'
       WHEN t.typtype = 'c' AND rc.relkind = 'c' THEN 'types' END AS collection,
  n.nspname || '.' || t.typname AS key
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid`,At=`
CREATE OR REPLACE VIEW _schemagate.routines AS
SELECT p.oid, n.nspname::text AS schema_name, 'routines'::text AS collection,
  n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS key
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace`,Ot=`
CREATE TABLE IF NOT EXISTS _schemagate.touched (
  phase text NOT NULL, classid oid, objid oid, relid oid, collection text, key text,
  command_tag text, object_type text, identity text
);
CREATE TABLE IF NOT EXISTS _schemagate.baseline (
  classid oid NOT NULL, objid oid NOT NULL, collection text NOT NULL, key text NOT NULL, relid oid,
  self boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS baseline_object ON _schemagate.baseline (classid, objid);
CREATE INDEX IF NOT EXISTS baseline_relation ON _schemagate.baseline (relid);
CREATE INDEX IF NOT EXISTS touched_object ON _schemagate.touched (classid, objid)`,y=`schema_name NOT IN ('pg_catalog', 'information_schema', '_schemagate')
  AND schema_name NOT LIKE 'pg\\_toast%' AND schema_name NOT LIKE 'pg\\_temp\\_%'`,Be="SET search_path = '' SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off",Lt=`
CREATE OR REPLACE FUNCTION _schemagate.reset(full_refresh boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql ${Be} AS $fn$
DECLARE
  rels oid[];
  objs oid[];
BEGIN
  IF full_refresh OR EXISTS (SELECT 1 FROM _schemagate.touched t WHERE t.collection = 'all') THEN
    DELETE FROM _schemagate.touched;
    DELETE FROM _schemagate.baseline;
    INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
      FROM _schemagate.relations v WHERE v.collection IS NOT NULL AND ${y}
    UNION ALL
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.types v WHERE v.collection IS NOT NULL AND ${y}
    UNION ALL
    SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.routines v WHERE ${y}
    UNION ALL
    SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
      FROM pg_catalog.pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
        AND n.nspname NOT LIKE 'pg\\_%'
    UNION ALL
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
      FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
      WHERE v.collection IS NOT NULL AND ${y};
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM _schemagate.touched) THEN
    RETURN;
  END IF;
  -- Every lookup below goes by object id through a catalog index: the refresh costs what the step
  -- touched, not the size of the schema. The relations whose rows may have changed: those touched
  -- directly or through a part, those of objects dropped by id, and their inheritance children now
  -- and at the last reset (DETACH, and ADD COLUMN or CREATE INDEX propagating to partitions).
  SELECT COALESCE(pg_catalog.array_agg(DISTINCT x.r), '{}') INTO rels FROM (
    SELECT t.relid FROM _schemagate.touched t WHERE t.relid IS NOT NULL
    UNION ALL
    SELECT b.relid FROM _schemagate.touched t
      JOIN _schemagate.baseline b ON b.classid = t.classid AND b.objid = t.objid WHERE b.relid IS NOT NULL
  ) x(r);
  rels := rels
    || ARRAY(SELECT i.inhrelid FROM pg_catalog.pg_inherits i WHERE i.inhparent = ANY (rels))
    || ARRAY(SELECT b.relid FROM _schemagate.baseline b
             WHERE b.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND b.objid = ANY (rels) AND NOT b.self);
  DELETE FROM _schemagate.baseline b USING _schemagate.touched t WHERE b.classid = t.classid AND b.objid = t.objid;
  DELETE FROM _schemagate.baseline b WHERE b.relid = ANY (rels);
  -- The relations, their indexes and identity sequences, and pg_class objects touched on their own.
  objs := ARRAY(
    SELECT pg_catalog.unnest(rels)
    UNION SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = ANY (rels)
    UNION SELECT d.objid FROM pg_catalog.pg_depend d
      WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = ANY (rels)
        AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'i'
    UNION SELECT t.objid FROM _schemagate.touched t
      WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_class'::pg_catalog.regclass);
  INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
    FROM _schemagate.relations v
    WHERE v.oid = ANY (objs) AND v.collection IS NOT NULL AND ${y}
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.types v
    WHERE v.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_type'::pg_catalog.regclass))
      AND v.collection IS NOT NULL AND ${y}
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.routines v
    WHERE v.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass))
      AND ${y}
  UNION ALL
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
    FROM pg_catalog.pg_namespace n
    WHERE n.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass))
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
    FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
    WHERE i.inhrelid = ANY (rels) AND v.collection IS NOT NULL AND ${y};
  DELETE FROM _schemagate.touched;
END
$fn$`,ft=`
CREATE OR REPLACE FUNCTION _schemagate.collect() RETURNS TABLE (scope_collection text, scope_key text)
LANGUAGE plpgsql ${Be} AS $fn$
DECLARE
  colls text[];
  keys text[];
  rels text[];
  seqs text[];
  typs text[];
  procs text[];
  nsps text[];
  exts text[];
BEGIN
  WITH RECURSIVE
  t AS MATERIALIZED (SELECT * FROM _schemagate.touched),
  direct AS (
    SELECT t.collection, t.key FROM t WHERE t.collection IS NOT NULL
    UNION ALL
    SELECT COALESCE(b.collection, e.collection, 'all'), COALESCE(b.key, e.key)
    FROM t
    LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.baseline x
      WHERE x.classid = t.classid AND x.objid = t.objid AND x.self LIMIT 1) b ON true
    LEFT JOIN LATERAL (SELECT x.collection, x.key FROM _schemagate.touched x
      WHERE x.classid = t.classid AND x.objid = t.objid AND x.phase = 'end' AND x.key IS NOT NULL LIMIT 1) e ON true
    WHERE t.collection IS NULL
  ),
  identities AS (
    SELECT t.classid, t.objid, t.collection || ' ' || t.key AS ck FROM t
    WHERE t.phase = 'end' AND t.key IS NOT NULL
      AND t.classid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass,
                        'pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass)
    UNION
    SELECT b.classid, b.objid, b.collection || ' ' || b.key
    FROM (SELECT DISTINCT t.classid, t.objid FROM t WHERE t.phase = 'end') te
    JOIN _schemagate.baseline b ON b.classid = te.classid AND b.objid = te.objid AND b.self
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
    SELECT d.classid, d.objid FROM touched_types tt
    JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid = tt.oid
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
  closure AS (
    SELECT oid FROM seeds WHERE oid IS NOT NULL
    UNION
    -- Children now, children at the last reset, and views whose rules read the relation.
    SELECT x.child FROM closure c CROSS JOIN LATERAL (
      SELECT i.inhrelid FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid
      UNION ALL
      SELECT b.relid FROM _schemagate.baseline b
      WHERE b.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND b.objid = c.oid AND NOT b.self AND b.relid IS NOT NULL
      UNION ALL
      SELECT rw.ev_class FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
      WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = c.oid
        AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND rw.ev_class <> c.oid
    ) x(child)
  ),
  dependents AS (
    -- LIMIT keeps the lookup a per-oid index probe: flattened into a join, the planner (which
    -- cannot estimate a recursive CTE) would hash all of pg_class.
    SELECT r.collection, r.key FROM closure c CROSS JOIN LATERAL (
      SELECT CASE WHEN rc.relkind IN ('v', 'm') THEN 'views' ELSE 'tables' END, rn.nspname || '.' || rc.relname
      FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE rc.oid = c.oid AND rc.relkind IN ('r', 'p', 'f', 'v', 'm') LIMIT 1
    ) r(collection, key)
    UNION ALL
    SELECT v.collection, v.key FROM type_users u JOIN _schemagate.types v ON v.oid = u.objid
    WHERE u.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND v.collection IS NOT NULL
  )
  SELECT COALESCE(pg_catalog.array_agg(x.collection), '{}'), COALESCE(pg_catalog.array_agg(x.key), '{}')
    INTO colls, keys
    FROM (SELECT DISTINCT y.collection, y.key FROM (
      SELECT * FROM direct UNION ALL SELECT * FROM renamed UNION ALL SELECT * FROM dependents) y) x;
  IF 'all' = ANY (colls) OR EXISTS (SELECT 1 FROM pg_catalog.unnest(keys) k WHERE k IS NULL) THEN
    -- The caller takes a full snapshot: the scoped queries that follow in the flight read nothing.
    colls := '{all}';
    keys := '{NULL}';
  END IF;
  rels := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c IN ('tables', 'views', 'relation'));
  seqs := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'sequences');
  typs := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c IN ('enums', 'types'));
  procs := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'routines');
  nsps := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'namespaces');
  exts := ARRAY(SELECT u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k) WHERE u.c = 'extensions');
  PERFORM ${P({rels:"rels",seqs:"seqs",types:"typs",procs:"procs",nsps:"nsps",exts:"exts"}).join(`,
    `)};
  RETURN QUERY SELECT u.c, u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k);
END
$fn$`,bt=`
CREATE OR REPLACE FUNCTION _schemagate.collect_snapshot(excluded text[]) RETURNS TABLE (kind text, data json)
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY SELECT 'scope'::text, (SELECT COALESCE(pg_catalog.json_agg(x), '[]')
    FROM (SELECT c.scope_collection AS collection, c.scope_key AS key FROM _schemagate.collect() c) x);
${x.map(e=>`  IF pg_catalog.current_setting('${C(e.list)}') <> '{}' THEN
    RETURN QUERY SELECT '${e.kind}'::text, (SELECT COALESCE(pg_catalog.json_agg(q), '[]') FROM (${e.query("scope").text}) q);
  END IF;`).join(`
`)}
END
$fn$`;function H(e,a=""){return`INSERT INTO _schemagate.touched (phase, classid, objid, collection, command_tag, object_type, identity${a?", key":""})
      VALUES ('end', r.classid, r.objid, ${e}, r.command_tag, r.object_type, r.object_identity${a?`, ${a}`:""})`}n(H,"logRow");var xt=`
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
      ${H("'all'")};
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
      ${H("'namespaces'","(SELECT x.nspname::text FROM pg_catalog.pg_namespace x WHERE x.oid = r.objid)")};
    ELSIF r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND r.command_tag <> 'ALTER EXTENSION' THEN
      ${H("'extensions'","(SELECT x.extname::text FROM pg_catalog.pg_extension x WHERE x.oid = r.objid)")};
    ELSE
      -- Casts, operators, ALTER EXTENSION (members come and go), ...: not narrowed.
      ${H("'all'")};
    END IF;
  END LOOP;
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('end', 'all', SQLERRM);
END
$fn$`,Z="'table column', 'default value', 'table constraint', 'trigger', 'policy', 'rule'",It="'index', 'function', 'procedure', 'aggregate', 'type', 'domain', 'composite type'",Ct=`
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
      WHEN d.object_type IN (${Z}) THEN 'relation'
      -- Resolved by object id at collect(), from the baseline or an earlier record.
      WHEN d.object_type IN (${It}) THEN NULL
      WHEN d.object_type = 'schema' THEN 'namespaces'
      WHEN d.object_type = 'extension' THEN 'extensions'
      ELSE 'all'
    END,
    CASE
      WHEN d.object_type IN ('schema', 'extension') THEN d.address_names[1]
      WHEN d.object_type IN ('table', 'foreign table', 'view', 'materialized view', 'sequence', ${Z})
        THEN d.address_names[1] || '.' || d.address_names[2]
    END,
    d.object_type, d.object_identity
  FROM d, flags
  -- The row type and array type of a dropped table, view or composite type are not model objects.
  WHERE NOT (d.object_type = 'type' AND (d.object_identity LIKE '%[]' OR EXISTS (
      SELECT 1 FROM d r WHERE r.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND r.object_identity = d.object_identity)))
    -- The operators, casts, base types ... of an extension being dropped are not model objects either.
    AND NOT (flags.extension AND d.object_type NOT IN ('table', 'foreign table', 'view', 'materialized view', 'sequence',
      'schema', 'extension', ${Z}) AND NOT EXISTS (
        SELECT 1 FROM _schemagate.baseline b WHERE b.classid = d.classid AND b.objid = d.objid AND b.self
        UNION ALL
        SELECT 1 FROM _schemagate.touched t WHERE t.classid = d.classid AND t.objid = d.objid AND t.key IS NOT NULL));
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('drop', 'all', SQLERRM);
END
$fn$`,kt=`
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'schemagate_ddl_end') THEN
    CREATE EVENT TRIGGER schemagate_ddl_end ON ddl_command_end EXECUTE FUNCTION _schemagate.on_ddl_end();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger WHERE evtname = 'schemagate_sql_drop') THEN
    CREATE EVENT TRIGGER schemagate_sql_drop ON sql_drop EXECUTE FUNCTION _schemagate.on_sql_drop();
  END IF;
  -- ALWAYS: a migration that sets session_replication_role = replica (data migrations do, to skip
  -- foreign-key triggers) would otherwise run its DDL unrecorded, and the step's scope would miss it.
  ALTER EVENT TRIGGER schemagate_ddl_end ENABLE ALWAYS;
  ALTER EVENT TRIGGER schemagate_sql_drop ENABLE ALWAYS;
END
$do$`,Je=["SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('schemagate tracker install'))","CREATE SCHEMA IF NOT EXISTS _schemagate",Ot,ht,yt,At,Lt,ft,bt,xt,Ct,kt];var Dt={name:"schemagate_pg_tracker_collect_v2",text:"SELECT scope_collection AS collection, scope_key AS key FROM _schemagate.collect()"},wt={name:"schemagate_pg_tracker_collect_snapshot_v1",text:"SELECT kind, data FROM _schemagate.collect_snapshot($1::text[])"};function Xe(e){let a={},t=n((s,r)=>{let c=a[s]??[];c.push(r),a[s]=c},"add");for(let{collection:s,key:r}of e){if(s==="all"||r===null)return M;if(s==="relation")t("tables",r),t("views",r);else if(oe.includes(s))t(s,r);else return M}for(let s of Object.values(a))s.sort();return{all:!1,objects:a}}n(Xe,"toScope");var ee=class{constructor(a,t){this.client=a;this.excludedTables=t}client;excludedTables;static{n(this,"PostgresTracker")}fullRefresh=!0;async reset(){await this.client.query({name:"schemagate_pg_tracker_reset_v2",text:"SELECT _schemagate.reset($1)",values:[this.fullRefresh]}),this.fullRefresh=!1}async collect(){let a=Xe(await f(this.client,Dt,[]));return a.all&&(this.fullRefresh=!0),a}async collectSnapshot(){let a=await f(this.client,wt,[this.excludedTables]),t={};for(let{kind:r,data:c}of a)t[r]=c;let s=Xe(t.scope??[]);return s.all?(this.fullRefresh=!0,{scope:s,schema:null}):{scope:s,schema:b(t)}}async close(){await this.client.end()}};async function Ft(e){return(await e.query("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")).rows[0]?.rolsuper===!0}n(Ft,"isSuperuser");async function Ke(e,a){let t=await h(e);try{if(!await Ft(t))return await t.end(),null;await t.query("BEGIN");try{for(let r of Je)await t.query(r);await t.query("COMMIT")}catch(r){throw await t.query("ROLLBACK").catch(()=>{}),r}let s=new ee(t,a);return await s.reset(),s}catch(s){throw await t.end().catch(()=>{}),s}}n(Ke,"postgresTracker");async function Ve(e,a,t){let s=await h(e);try{t.rollBack&&await s.query("BEGIN");for(let c of a)try{await s.query(c)}catch(o){return{failed:{statement:c,message:L(o)}}}return{schema:await new O([s],[...I,...t.excludeTables??[]]).snapshot()}}finally{t.rollBack&&await s.query("ROLLBACK").catch(()=>{}),await s.end().catch(()=>{})}}n(Ve,"tryPostgresDdl");var Kn={engine:"postgres",async introspector(e,a){let t=await h(e),s=await h(e).catch(async r=>{throw await t.end().catch(()=>{}),r});return new O([t,s],[...I,...a?.excludeTables??[]])},tracker:n((e,a)=>Ke(e,[...I,...a?.excludeTables??[]]),"tracker"),rehearsal:Qe,transactionalDdl:!0,tryDdl:Ve};export{O as PostgresIntrospector,Kn as postgresDialect};
