import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as n}from"./chunk-RYTIUBPP.js";var r=class extends Error{static{n(this,"SchemagateError")}hint;constructor(s,t){super(s,t?.cause===void 0?void 0:{cause:t.cause}),this.hint=t?.hint}},a=class extends r{static{n(this,"UsageError")}name="UsageError";exitCode=2},o=class extends r{static{n(this,"ConfigError")}name="ConfigError";exitCode=2},d=class extends r{static{n(this,"InfraError")}name="InfraError";exitCode=2},i=class extends r{static{n(this,"AbortedError")}name="AbortedError";exitCode=2},l=class extends Error{constructor(t,c,x=null,u){super(t,u);this.statement=c;this.code=x}statement;code;static{n(this,"MigrationError")}name="MigrationError"};function y(e){return e instanceof Error?e.message||e.name:String(e)}n(y,"errorMessage");export{r as a,a as b,o as c,d,i as e,l as f,y as g};
