import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{h as n}from"./chunk-RPPXMIL2.js";import"./chunk-RUKEOOYI.js";import"./chunk-QTG3BOKG.js";import"./chunk-GKC6SEG5.js";import"./chunk-7WR63IIG.js";import"./chunk-URFOBGPS.js";import"./chunk-SPJCFZEU.js";import"./chunk-WX3A2COP.js";import"./chunk-CMNKDX67.js";import{b as t}from"./chunk-HR2DRUW7.js";import"./chunk-5VGWJ33G.js";import{a as o}from"./chunk-RYTIUBPP.js";import{parseArgs as m}from"node:util";var a=`Usage: schemagate comment --report FILE [flags]

Posts or updates the pull request comment from a saved report (the Action's 'report' output or
schemagate check --json FILE). Made for a workflow_run workflow that comments on pull requests
from forks; see docs/github-action.md (the Action's 'mode: comment' does the same). The report is
untrusted: run this from a folder you control, never the downloaded artifact's (npm reads its
.npmrc and package.json).

  --report FILE   the JSON report (required)
  --pr N          the pull request (default: from the workflow_run or pull_request event)
  --repo O/NAME   the repository (default: GITHUB_REPOSITORY)
  --key KEY       which configuration's comment (default: the one recorded in the report); only
                  comments this token's identity wrote are ever edited
  --dry-run       print the comment instead of posting it
The token is read from GITHUB_TOKEN; it needs pull-requests: write.`;async function d(s,p){let e;try{({values:e}=m({args:s,strict:!0,allowPositionals:!1,options:{report:{type:"string"},pr:{type:"string"},repo:{type:"string"},key:{type:"string"},"dry-run":{type:"boolean"},help:{type:"boolean",short:"h"}}}))}catch(i){throw new t(`${i.message.replace(/\. To specify.*$/s,"")}: run schemagate comment --help`)}if(e.help)return process.stdout.write(`${a}
`),0;if(typeof e.report!="string")throw new t("--report FILE is required: run schemagate comment --help");let r=typeof e.pr=="string"?Number(e.pr):null;if(r!==null&&!(Number.isInteger(r)&&r>0))throw new t(`--pr ${e.pr}: expected a pull request number`);return await n({reportPath:e.report,pr:r,repo:typeof e.repo=="string"?e.repo:null,configKey:typeof e.key=="string"?e.key:null,dryRun:e["dry-run"]===!0},p),0}o(d,"commentMain");export{a as COMMENT_HELP,d as commentMain};
