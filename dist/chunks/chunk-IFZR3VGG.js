import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
import{a as e}from"./chunk-RYTIUBPP.js";function n(g){return g.replace(/\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,r=>r===`\r
`?`
`:`\\x${r.charCodeAt(0).toString(16).padStart(2,"0")}`)}e(n,"terminalSafe");export{n as a};
