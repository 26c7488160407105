import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as n}from"./chunk-RYTIUBPP.js";var r=class extends Error{static{n(this,"SchemagateError")}hint;constructor(s,t){super(s,t?.cause===void 0?void 0:{cause:t.cause}),this.hint=t?.hint}},a=class extends r{static{n(this,"UsageError")}name="UsageError";exitCode=2},o=class extends r{static{n(this,"ConfigError")}name="ConfigError";exitCode=2},i=class extends r{static{n(this,"InfraError")}name="InfraError";exitCode=2},l=class extends r{static{n(this,"AbortedError")}name="AbortedError";exitCode=2},u=class extends Error{constructor(t,c,x=null,d){super(t,d);this.statement=c;this.code=x;this.executed=d?.executed??[]}statement;code;static{n(this,"MigrationError")}name="MigrationError";executed};function y(e){return e instanceof Error?e.message||e.name:String(e)}n(y,"errorMessage");export{r as a,a as b,o as c,i as d,l as e,u as f,y as g};
