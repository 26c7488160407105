import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as $}from"./chunk-EYFOV4GO.js";import{c as B}from"./chunk-ZA4F7EEC.js";import"./chunk-ZZWTZA4O.js";import{a as P,b as J,d as F}from"./chunk-CMNKDX67.js";import{b as G}from"./chunk-IX2EAKMI.js";import{d as Q,i as Y}from"./chunk-HR2DRUW7.js";import{a as n}from"./chunk-RYTIUBPP.js";async function L(e){let t=new G.Client({connectionString:e,application_name:"schemagate",pipeline:!0});t.on("error",()=>{});try{await t.connect(),await t.query("SET search_path = ''; SET jit = off; SET plan_cache_mode = force_generic_plan")}catch(a){throw await t.end().catch(()=>{}),new Q(`Could not connect to Postgres at ${B(e)}: ${Y(a)}`,{cause:a,hint:"Check that the server is running and the URL is right."})}return t}n(L,"connectPg");var he={a:"no action",r:"no action",c:"cascade",n:"set null",d:"set default"};function W(e){return he[e]??e}n(W,"fkAction");var fe={f:"full",p:"partial",s:"simple"};function K(e){return fe[e]??e}n(K,"fkMatch");function X(e){return e.replace(/ ON (DELETE|UPDATE) RESTRICT\b/g,"")}n(X,"foreignKeyDefinition");var V={p:"primary key",u:"unique",f:"foreign key",c:"check",x:"exclusion"},z={"primary key":"pkey",unique:"key","foreign key":"fkey",check:"check",exclusion:"excl"};function j(e,t,a){for(let s of a){let i=new RegExp(`^(.+)_${s}\\d*$`).exec(t);if(!i)continue;let r=i[1];if(r===e||r.startsWith(`${e}_`))return!0;if(Buffer.byteLength(t)>=60){for(let o=e.length-1;o>0;o--)if(r.startsWith(`${e.slice(0,o)}_`))return!0}}return!1}n(j,"looksGenerated");function Z(e,t,a,s){let i=`CREATE ${s?"UNIQUE ":""}INDEX ${t} ON `;if(!e.startsWith(i))return e;let r=e.slice(i.length);return r.startsWith("ONLY ")&&(r=r.slice(5)),r.startsWith(`${a} `)?(r=r.slice(a.length+1),s?`UNIQUE ${r}`:r):e}n(Z,"indexDefinition");var Le={smallint:"32767",integer:"2147483647",bigint:"9223372036854775807"};function ee(e,t,a){let s=e==="a"?"always":e==="d"?"by default":null;if(!s)return null;let i=[],r=!a.increment?.startsWith("-"),o=Le[t],l=r?{start:"1",increment:"1",min:"1",max:o}:{start:"-1",increment:"-1",min:o?`-${o}`:void 0,max:"-1"};return a.start!==null&&a.start!==l.start&&i.push(`start ${a.start}`),a.increment!==null&&a.increment!==l.increment&&i.push(`increment ${a.increment}`),a.min!==null&&r&&a.min!==l.min&&i.push(`minvalue ${a.min}`),a.max!==null&&r&&a.max!==l.max&&i.push(`maxvalue ${a.max}`),a.cache!==null&&a.cache!=="1"&&i.push(`cache ${a.cache}`),a.cycle&&i.push("cycle"),i.length?`${s} (${i.join(" ")})`:s}n(ee,"identityText");var xe={r:"SELECT",a:"INSERT",w:"UPDATE",d:"DELETE","*":"ALL"};function te(e){let t=[`AS ${e.permissive?"PERMISSIVE":"RESTRICTIVE"}`,`FOR ${xe[e.command]??e.command}`,`TO ${e.roles.join(", ")}`];return e.qual!==null&&t.push(`USING (${e.qual})`),e.with_check!==null&&t.push(`WITH CHECK (${e.with_check})`),t.join(" ")}n(te,"policyDefinition");var be={D:"DISABLE",R:"ENABLE REPLICA",A:"ENABLE ALWAYS"};function ae(e,t){let a=be[t];return a?`${e} (${a})`:e}n(ae,"triggerDefinition");function Ie(e){let t={};return e.partition_of&&(t["partition of"]=`${e.partition_of} ${e.partition_bound??""}`.trim()),e.partition_by&&(t["partition by"]=e.partition_by),e.inherits?.length&&(t.inherits=e.inherits.join(", ")),e.rls&&(t.rls=e.rls_forced?"enabled, forced":"enabled"),e.persistence==="u"&&(t.persistence="unlogged"),e.reloptions?.length&&(t.storage=e.reloptions.join(", ")),t}n(Ie,"tableOptions");function Ce(e){let t=new Map;for(let a of e){let s=t.get(a.table_key)??new Map;s.set(a.attnum,a),t.set(a.table_key,s)}return t}n(Ce,"attributesOf");function De(e){let t=(e&1)===1,a=(e&2)===2;return t?a?" DESC":" DESC NULLS LAST":a?" NULLS FIRST":""}n(De,"ordering");function ke(e,t){let a=e.constraint?["pkey","key","excl"]:["idx"],s=t.get(e.owner_key),i=n(l=>e.rendered?.[l]??s?.get(e.indkey[l])?.quoted??`#${e.indkey[l]}`,"column"),r=e.indkey.slice(0,e.key_count).map((l,_)=>i(_)+De(e.indoption[_]??0)),o=e.indkey.slice(e.key_count).map((l,_)=>i(e.key_count+_));return{name:e.name,definition:Z(e.indexdef,e.quoted_name,e.owner_ref,e.unique),unique:e.unique,method:e.method,columns:r,include:o,where:e.predicate,constraint:e.constraint,generatedName:j(e.owner_name,e.name,a)}}n(ke,"toIndex");function ne(e){let{namespaces:t,extensions:a,enums:s,types:i,sequences:r,tables:o,columns:l,constraints:_,indexes:T,triggers:A,policies:u,views:H,routines:Oe}=e,N=P("postgres");for(let c of t)N.namespaces[c.name]={name:c.name,comment:c.comment};for(let c of a)N.extensions[c.name]={name:c.name,schema:c.schema,version:c.version};for(let c of s)N.enums[`${c.schema}.${c.name}`]={...c};for(let c of i)N.types[`${c.schema}.${c.name}`]={...c};for(let c of r)N.sequences[`${c.schema}.${c.name}`]={schema:c.schema,name:c.name,type:c.type,start:c.start,increment:c.increment,min:c.min,max:c.max,cache:c.cache,cycle:c.cycle,ownedBy:c.owned_by};for(let c of o)N.tables[`${c.schema}.${c.name}`]=He(c);let U=Ce(l);Fe(N.tables,l,_,A,u,U);for(let c of H){let C=c.reloptions?.length?`WITH (${c.reloptions.join(", ")})
`:"";N.views[`${c.schema}.${c.name}`]={schema:c.schema,name:c.name,materialized:c.materialized,definition:`${C}${c.definition}`,columns:c.columns,indexes:{},comment:c.comment}}for(let c of T){let C=c.owner_kind==="m"?N.views[c.owner_key]:N.tables[c.owner_key];C&&(C.indexes[c.name]=ke(c,U))}for(let c of Oe)N.routines[`${c.schema}.${c.name}(${c.arguments})`]={...c};return N}n(ne,"assembleSchema");function He(e){return{schema:e.schema,name:e.name,kind:e.relkind==="p"?"partitioned table":e.relkind==="f"?"foreign table":"table",columns:{},constraints:{},indexes:{},triggers:{},policies:{},options:Ie(e),comment:e.comment}}n(He,"toTable");function Fe(e,t,a,s,i,r){for(let o of t){let l=e[o.table_key];l&&(l.columns[o.name]={name:o.name,position:o.position,type:o.type,nullable:o.nullable,default:o.default,identity:ee(o.identity,o.type,{start:o.seq_start,increment:o.seq_increment,min:o.seq_min,max:o.seq_max,cache:o.seq_cache,cycle:o.seq_cycle}),generated:o.generated===null?null:`${o.generated} ${o.generated_kind==="v"?"virtual":"stored"}`,collation:o.collation,comment:o.comment})}for(let o of a){let l=e[o.table_key],_=V[o.contype];if(!l||!_)continue;let T=_==="foreign key";l.constraints[o.name]={name:o.name,kind:_,definition:T?X(o.definition):o.definition,columns:o.conkey.map(A=>r.get(o.table_key)?.get(A)?.name??`#${A}`),generatedName:j(o.table_name,o.name,[z[_]]),...T?{foreignKey:{table:o.ref_table??"",columns:o.ref_columns??[],onDelete:W(o.on_delete),onUpdate:W(o.on_update),match:K(o.match)}}:{},deferrable:o.deferrable?o.deferred?"deferrable initially deferred":"deferrable initially immediate":"not deferrable"}}for(let o of s){let l=e[o.table_key];l&&(l.triggers[o.name]={name:o.name,definition:ae(o.definition,o.enabled)})}for(let o of i){let l=e[o.table_key];l&&(l.policies[o.name]={name:o.name,definition:te(o)})}}n(Fe,"fillTables");function E(e){return`${e}.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
    AND ${e}.nspname NOT LIKE 'pg\\_toast%' AND ${e}.nspname NOT LIKE 'pg\\_temp\\_%'`}n(E,"userSchema");function m(e,t){return`NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
    WHERE dep.classid = '${e}'::pg_catalog.regclass AND dep.objid = ${t} AND dep.deptype = 'e')`}n(m,"notExtensionMember");function d(e,t,a="relname"){return`(${e}.nspname || '.' || ${t}.${a})`}n(d,"keyOf");function y(e,t,a,s="0"){return`LEFT JOIN pg_catalog.pg_description ${e} ON ${e}.objoid = ${a}
    AND ${e}.classoid = '${t}'::pg_catalog.regclass AND ${e}.objsubid = ${s}`}n(y,"commentJoin");function x(e){return`schemagate.scope_${e}`}n(x,"scopeSetting");function p(e,t,a){return e==="all"?"true":`${a} = ANY(pg_catalog.current_setting('${x(t)}')::pg_catalog.oid[])`}n(p,"inScope");function g(e,t){return`${e}_${t}`}n(g,"named");function R(e="c",t="n"){return`${e}.relkind IN ('r', 'p', 'f') AND ${E(t)} AND ${m("pg_class",`${e}.oid`)}
    AND ${e}.relname <> ALL($1::text[])`}n(R,"userTable");var oe=n(e=>({name:g("schemagate_pg_columns_v3",e),text:`
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
${y("dsc","pg_catalog.pg_class","a.attrelid","a.attnum")}
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_depend sd ON a.attidentity <> '' AND sd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND sd.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = sd.objid
WHERE a.attnum > 0 AND NOT a.attisdropped AND ${R()} AND ${p(e,"rels","a.attrelid")}`}),"columnsQuery");function $e(e,t){return`ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(${t}) WITH ORDINALITY k(num, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${e} AND a.attnum = k.num ORDER BY k.ord)`}n($e,"attnames");var se=n(e=>({name:g("schemagate_pg_constraints_v3",e),text:`
SELECT ${d("n","c")} AS table_key, c.relname::text AS table_name, con.conname::text AS name,
  con.contype::text AS contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition,
  COALESCE(con.conkey::int[], '{}') AS conkey,
  CASE WHEN con.contype = 'f' THEN ${d("fn","fc")} END AS ref_table,
  CASE WHEN con.contype = 'f' THEN ${$e("con.confrelid","con.confkey")} END AS ref_columns,
  con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, con.confmatchtype::text AS match,
  con.condeferrable AS deferrable, con.condeferred AS deferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND ${R()} AND ${p(e,"rels","con.conrelid")}
  AND NOT (con.conparentid <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc
    WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid))`}),"constraintsQuery");var ce=n(e=>({name:g("schemagate_pg_enums_v2",e),text:`
SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values,
  dsc.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
${y("dsc","pg_catalog.pg_type","t.oid")}
WHERE t.typtype = 'e' AND ${E("n")} AND ${m("pg_type","t.oid")}
  AND ${p(e,"types","t.oid")}`}),"enumsQuery");var ie=n(e=>({name:g("schemagate_pg_extensions_v2",e),text:`
SELECT e.extname::text AS name, n.nspname::text AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE ${p(e,"exts","e.oid")}`}),"extensionsQuery");var re=n(e=>({name:g("schemagate_pg_indexes_v3",e),text:`
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
WHERE c.relkind IN ('r', 'p', 'f', 'm') AND ${E("n")} AND ${m("pg_class","c.oid")}
  AND c.relname <> ALL($1::text[]) AND ${p(e,"rels","i.indrelid")}`}),"indexesQuery");var le=n(e=>({name:g("schemagate_pg_namespaces_v2",e),text:`
SELECT n.nspname::text AS name, dsc.description AS comment
FROM pg_catalog.pg_namespace n
${y("dsc","pg_catalog.pg_namespace","n.oid")}
WHERE ${E("n")} AND ${m("pg_namespace","n.oid")}
  AND ${p(e,"nsps","n.oid")}`}),"namespacesQuery");var pe=n(e=>({name:g("schemagate_pg_policies_v2",e),text:`
SELECT ${d("n","c")} AS table_key, p.polname::text AS name, p.polpermissive AS permissive,
  p.polcmd::text AS command,
  ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.oid)) END
    FROM pg_catalog.unnest(p.polroles) AS r(oid) ORDER BY 1) AS roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${R()} AND ${p(e,"rels","p.polrelid")}`}),"policiesQuery");var ge="(n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')')",de=n(e=>({name:g("schemagate_pg_routines_v2",e),text:`
SELECT n.nspname::text AS schema, p.proname::text AS name,
  CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
  pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w') AND ${E("n")} AND ${m("pg_proc","p.oid")}
  AND ${p(e,"procs","p.oid")}`}),"routinesQuery");async function O(e,t,a){return(await e.query({name:t.name,text:t.text,values:a})).rows}n(O,"runNamed");function M(e,t=a=>a){return`ARRAY(SELECT ${t("pg_catalog.substr(sk.k, sp.p + 1)")} FROM pg_catalog.unnest(${e}) sk(k),
    pg_catalog.generate_series(1, pg_catalog.length(sk.k)) sp(p) WHERE pg_catalog.substr(sk.k, sp.p, 1) = '.')::pg_catalog.name[]`}n(M,"candidates");function b(e){return`COALESCE((${e}), '{}')::text`}n(b,"oids");function w(e){let t=n((s,i)=>b(`SELECT pg_catalog.array_agg(c.oid) FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY(${M(i)}) AND c.relkind IN (${s}) AND ${d("n","c")} = ANY(${i})`),"relation"),a={rels:t("'r', 'p', 'f', 'v', 'm'",e.rels),seqs:t("'S'",e.seqs),types:b(`SELECT pg_catalog.array_agg(t.oid) FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typname = ANY(${M(e.types)}) AND ${d("n","t","typname")} = ANY(${e.types})`),procs:b(`SELECT pg_catalog.array_agg(p.oid) FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proname = ANY(${M(e.procs,s=>`pg_catalog.split_part(${s}, '(', 1)`)})
        AND ${ge} = ANY(${e.procs})`),nsps:b(`SELECT pg_catalog.array_agg(n.oid) FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY(${e.nsps}::pg_catalog.name[])`),exts:b(`SELECT pg_catalog.array_agg(e.oid) FROM pg_catalog.pg_extension e WHERE e.extname = ANY(${e.exts}::pg_catalog.name[])`)};return Object.keys(a).map(s=>`pg_catalog.set_config('${x(s)}', ${a[s]}, false)`)}n(w,"setScopeExpressions");var Ee={name:"schemagate_pg_set_scope_v1",text:`SELECT ${w({rels:"$1::text[]",seqs:"$2::text[]",types:"$3::text[]",procs:"$4::text[]",nsps:"$5::text[]",exts:"$6::text[]"}).join(`,
  `)}`};var me=n(e=>({name:g("schemagate_pg_sequences_v2",e),text:`
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
WHERE ${E("n")} AND ${m("pg_class","c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND (d.deptype = 'i' OR (d.deptype = 'a' AND oc.relname = ANY($1::text[]))))
  AND ${p(e,"seqs","s.seqrelid")}`}),"sequencesQuery");var _e=n(e=>({name:g("schemagate_pg_tables_v2",e),text:`
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
${y("dsc","pg_catalog.pg_class","c.oid")}
WHERE ${R()} AND ${p(e,"rels","c.oid")}`}),"tablesQuery");var Ne=n(e=>({name:g("schemagate_pg_triggers_v2",e),text:`
SELECT ${d("n","c")} AS table_key, t.tgname::text AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled::text AS enabled
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND ${R()} AND ${p(e,"rels","t.tgrelid")}`}),"triggersQuery");var ue=n(e=>({name:g("schemagate_pg_types_v2",e),text:`
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
  AND ${E("n")} AND ${m("pg_type","t.oid")}
  AND ${p(e,"types","t.oid")}`}),"typesQuery");var ye=n(e=>({name:g("schemagate_pg_views_v2",e),text:`
SELECT n.nspname::text AS schema, c.relname::text AS name, c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid) AS definition,
  ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum) AS columns,
  c.reloptions::text[] AS reloptions,
  dsc.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
${y("dsc","pg_catalog.pg_class","c.oid")}
WHERE c.relkind IN ('v', 'm') AND ${E("n")} AND ${m("pg_class","c.oid")}
  AND ${p(e,"rels","c.oid")}`}),"viewsQuery");var f=[{kind:"columns",query:oe,excludes:!0,list:"rels",lane:0},{kind:"tables",query:_e,excludes:!0,list:"rels",lane:0},{kind:"sequences",query:me,excludes:!0,list:"seqs",lane:0},{kind:"namespaces",query:le,excludes:!1,list:"nsps",lane:0},{kind:"extensions",query:ie,excludes:!1,list:"exts",lane:0},{kind:"enums",query:ce,excludes:!1,list:"types",lane:0},{kind:"types",query:ue,excludes:!1,list:"types",lane:0},{kind:"indexes",query:re,excludes:!0,list:"rels",lane:1},{kind:"constraints",query:se,excludes:!0,list:"rels",lane:1},{kind:"triggers",query:Ne,excludes:!0,list:"rels",lane:1},{kind:"policies",query:pe,excludes:!0,list:"rels",lane:1},{kind:"views",query:ye,excludes:!1,list:"rels",lane:1},{kind:"routines",query:de,excludes:!1,list:"procs",lane:1}],We={tables:"rels",views:"rels",sequences:"seqs",enums:"types",types:"types",routines:"procs",namespaces:"nsps",extensions:"exts"};function je(){return Object.fromEntries(f.map(e=>[e.kind,[]]))}n(je,"emptyRows");async function D(e,t,a,s,i){let r=i?O(e,i.query,i.values):Promise.resolve([]),o=a.map(u=>O(e,u.query(t),u.excludes?[s]:[])),l=await Promise.allSettled([r,...o]),_=l.find(u=>u.status==="rejected");if(_)throw _.reason;let T=l.map(u=>u.value),A={};return a.forEach((u,H)=>{A[u.kind]=T[H+1]}),{prelude:T[0],rows:A}}n(D,"runLane");function h(e){return ne({...je(),...e})}n(h,"assembleRows");var I=class{constructor(t,a){this.clients=t;this.excludedTables=a}clients;excludedTables;static{n(this,"PostgresIntrospector")}async full(){let[t,a]=[this.clients[0],this.clients[1]],s=n(i=>f.filter(r=>r.lane===i),"lane");if(a){let[i,r]=await Promise.all([D(t,"all",s(0),this.excludedTables),D(a,"all",s(1),this.excludedTables)]);return h({...i.rows,...r.rows})}return h((await D(t,"all",f,this.excludedTables)).rows)}async snapshot(t){if(!t||t.all)return this.full();let a={rels:[],seqs:[],types:[],procs:[],nsps:[],exts:[]};for(let[r,o]of Object.entries(t.objects))a[We[r]].push(...o);let s=f.filter(r=>a[r.list].length>0);if(s.length===0)return h({});let{rows:i}=await D(this.clients[0],"scope",s,this.excludedTables,{query:Ee,values:[a.rels,a.seqs,a.types,a.procs,a.nsps,a.exts]});return h(i)}async close(){await Promise.all(this.clients.map(t=>t.end().catch(()=>{})))}};var Me=`
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
JOIN pg_catalog.pg_namespace onsp ON onsp.oid = o.relnamespace`,we=`
CREATE OR REPLACE VIEW _schemagate.types AS
SELECT t.oid, n.nspname::text AS schema_name,
  CASE WHEN t.typtype = 'e' THEN 'enums' WHEN t.typtype IN ('d', 'r') THEN 'types'
       WHEN t.typtype = 'c' AND rc.relkind = 'c' THEN 'types' END AS collection,
  n.nspname || '.' || t.typname AS key
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid`,ve=`
CREATE OR REPLACE VIEW _schemagate.routines AS
SELECT p.oid, n.nspname::text AS schema_name, 'routines'::text AS collection,
  n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS key
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace`,qe=`
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
CREATE INDEX IF NOT EXISTS touched_object ON _schemagate.touched (classid, objid)`,S=`schema_name NOT IN ('pg_catalog', 'information_schema', '_schemagate')
  AND schema_name NOT LIKE 'pg\\_toast%' AND schema_name NOT LIKE 'pg\\_temp\\_%'`,Re="SET search_path = '' SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off",Ue=`
CREATE OR REPLACE FUNCTION _schemagate.reset(full_refresh boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql ${Re} AS $fn$
DECLARE
  rels oid[];
  objs oid[];
BEGIN
  IF full_refresh OR EXISTS (SELECT 1 FROM _schemagate.touched t WHERE t.collection = 'all') THEN
    DELETE FROM _schemagate.touched;
    DELETE FROM _schemagate.baseline;
    INSERT INTO _schemagate.baseline (classid, objid, collection, key, relid, self)
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, v.oid, v.collection, v.key, v.relid, true
      FROM _schemagate.relations v WHERE v.collection IS NOT NULL AND ${S}
    UNION ALL
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.types v WHERE v.collection IS NOT NULL AND ${S}
    UNION ALL
    SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
      FROM _schemagate.routines v WHERE ${S}
    UNION ALL
    SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
      FROM pg_catalog.pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', '_schemagate')
        AND n.nspname NOT LIKE 'pg\\_%'
    UNION ALL
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
      FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
      WHERE v.collection IS NOT NULL AND ${S};
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
    WHERE v.oid = ANY (objs) AND v.collection IS NOT NULL AND ${S}
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.types v
    WHERE v.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_type'::pg_catalog.regclass))
      AND v.collection IS NOT NULL AND ${S}
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, v.oid, v.collection, v.key, NULL, true
    FROM _schemagate.routines v
    WHERE v.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass))
      AND ${S}
  UNION ALL
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, 'namespaces', n.nspname::text, NULL, true
    FROM pg_catalog.pg_namespace n
    WHERE n.oid = ANY (ARRAY(SELECT t.objid FROM _schemagate.touched t
        WHERE t.phase = 'end' AND t.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass))
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, i.inhparent, v.collection, v.key, v.relid, false
    FROM pg_catalog.pg_inherits i JOIN _schemagate.relations v ON v.oid = i.inhrelid
    WHERE i.inhrelid = ANY (rels) AND v.collection IS NOT NULL AND ${S};
  DELETE FROM _schemagate.touched;
END
$fn$`,Qe=`
CREATE OR REPLACE FUNCTION _schemagate.collect() RETURNS TABLE (scope_collection text, scope_key text)
LANGUAGE plpgsql ${Re} AS $fn$
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
  PERFORM ${w({rels:"rels",seqs:"seqs",types:"typs",procs:"procs",nsps:"nsps",exts:"exts"}).join(`,
    `)};
  RETURN QUERY SELECT u.c, u.k FROM ROWS FROM (pg_catalog.unnest(colls), pg_catalog.unnest(keys)) u(c, k);
END
$fn$`,Ye=`
CREATE OR REPLACE FUNCTION _schemagate.collect_snapshot(excluded text[]) RETURNS TABLE (kind text, data json)
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY SELECT 'scope'::text, (SELECT COALESCE(pg_catalog.json_agg(x), '[]')
    FROM (SELECT c.scope_collection AS collection, c.scope_key AS key FROM _schemagate.collect() c) x);
${f.map(e=>`  IF pg_catalog.current_setting('${x(e.list)}') <> '{}' THEN
    RETURN QUERY SELECT '${e.kind}'::text, (SELECT COALESCE(pg_catalog.json_agg(q), '[]') FROM (${e.query("scope").text}) q);
  END IF;`).join(`
`)}
END
$fn$`;function k(e,t=""){return`INSERT INTO _schemagate.touched (phase, classid, objid, collection, command_tag, object_type, identity${t?", key":""})
      VALUES ('end', r.classid, r.objid, ${e}, r.command_tag, r.object_type, r.object_identity${t?`, ${t}`:""})`}n(k,"logRow");var Pe=`
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
      ${k("'all'")};
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
      ${k("'namespaces'","(SELECT x.nspname::text FROM pg_catalog.pg_namespace x WHERE x.oid = r.objid)")};
    ELSIF r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND r.command_tag <> 'ALTER EXTENSION' THEN
      ${k("'extensions'","(SELECT x.extname::text FROM pg_catalog.pg_extension x WHERE x.oid = r.objid)")};
    ELSE
      -- Casts, operators, ALTER EXTENSION (members come and go), ...: not narrowed.
      ${k("'all'")};
    END IF;
  END LOOP;
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('end', 'all', SQLERRM);
END
$fn$`,v="'table column', 'default value', 'table constraint', 'trigger', 'policy', 'rule'",Je="'index', 'function', 'procedure', 'aggregate', 'type', 'domain', 'composite type'",Be=`
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
      WHEN d.object_type IN (${v}) THEN 'relation'
      -- Resolved by object id at collect(), from the baseline or an earlier record.
      WHEN d.object_type IN (${Je}) THEN NULL
      WHEN d.object_type = 'schema' THEN 'namespaces'
      WHEN d.object_type = 'extension' THEN 'extensions'
      ELSE 'all'
    END,
    CASE
      WHEN d.object_type IN ('schema', 'extension') THEN d.address_names[1]
      WHEN d.object_type IN ('table', 'foreign table', 'view', 'materialized view', 'sequence', ${v})
        THEN d.address_names[1] || '.' || d.address_names[2]
    END,
    d.object_type, d.object_identity
  FROM d, flags
  -- The row type and array type of a dropped table, view or composite type are not model objects.
  WHERE NOT (d.object_type = 'type' AND (d.object_identity LIKE '%[]' OR EXISTS (
      SELECT 1 FROM d r WHERE r.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND r.object_identity = d.object_identity)))
    -- The operators, casts, base types ... of an extension being dropped are not model objects either.
    AND NOT (flags.extension AND d.object_type NOT IN ('table', 'foreign table', 'view', 'materialized view', 'sequence',
      'schema', 'extension', ${v}) AND NOT EXISTS (
        SELECT 1 FROM _schemagate.baseline b WHERE b.classid = d.classid AND b.objid = d.objid AND b.self
        UNION ALL
        SELECT 1 FROM _schemagate.touched t WHERE t.classid = d.classid AND t.objid = d.objid AND t.key IS NOT NULL));
EXCEPTION WHEN OTHERS THEN
  INSERT INTO _schemagate.touched (phase, collection, identity) VALUES ('drop', 'all', SQLERRM);
END
$fn$`,Ge=`
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
$do$`,Se=["SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('schemagate tracker install'))","CREATE SCHEMA IF NOT EXISTS _schemagate",qe,Me,we,ve,Ue,Qe,Ye,Pe,Be,Ge];var Ke={name:"schemagate_pg_tracker_collect_v2",text:"SELECT scope_collection AS collection, scope_key AS key FROM _schemagate.collect()"},Xe={name:"schemagate_pg_tracker_collect_snapshot_v1",text:"SELECT kind, data FROM _schemagate.collect_snapshot($1::text[])"};function Te(e){let t={},a=n((s,i)=>{let r=t[s]??[];r.push(i),t[s]=r},"add");for(let{collection:s,key:i}of e){if(s==="all"||i===null)return F;if(s==="relation")a("tables",i),a("views",i);else if(J.includes(s))a(s,i);else return F}for(let s of Object.values(t))s.sort();return{all:!1,objects:t}}n(Te,"toScope");var q=class{constructor(t,a){this.client=t;this.excludedTables=a}client;excludedTables;static{n(this,"PostgresTracker")}fullRefresh=!0;async reset(){await this.client.query({name:"schemagate_pg_tracker_reset_v2",text:"SELECT _schemagate.reset($1)",values:[this.fullRefresh]}),this.fullRefresh=!1}async collect(){let t=Te(await O(this.client,Ke,[]));return t.all&&(this.fullRefresh=!0),t}async collectSnapshot(){let t=await O(this.client,Xe,[this.excludedTables]),a={};for(let{kind:i,data:r}of t)a[i]=r;let s=Te(a.scope??[]);return s.all?(this.fullRefresh=!0,{scope:s,schema:null}):{scope:s,schema:h(a)}}async close(){await this.client.end()}};async function Ve(e){return(await e.query("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")).rows[0]?.rolsuper===!0}n(Ve,"isSuperuser");async function Ae(e,t){let a=await L(e);try{if(!await Ve(a))return await a.end(),null;await a.query("BEGIN");try{for(let i of Se)await a.query(i);await a.query("COMMIT")}catch(i){throw await a.query("ROLLBACK").catch(()=>{}),i}let s=new q(a,t);return await s.reset(),s}catch(s){throw await a.end().catch(()=>{}),s}}n(Ae,"postgresTracker");var Wa={engine:"postgres",async introspector(e,t){let a=await L(e),s=await L(e).catch(async i=>{throw await a.end().catch(()=>{}),i});return new I([a,s],[...$,...t?.excludeTables??[]])},tracker:n((e,t)=>Ae(e,[...$,...t?.excludeTables??[]]),"tracker")};export{I as PostgresIntrospector,Wa as postgresDialect};
