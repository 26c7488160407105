import { createRequire as __sgCreateRequire } from 'node:module';
import { fileURLToPath as __sgFileURLToPath } from 'node:url';
import { dirname as __sgDirname } from 'node:path';
const require = __sgCreateRequire(import.meta.url);
const __filename = __sgFileURLToPath(import.meta.url);
const __dirname = __sgDirname(__filename);
var e=["knex_migrations","knex_migrations_lock","alembic_version","django_migrations","schema_migrations","flyway_schema_history","schemagate_migrations"];export{e as a};
