/**
 * Generates a Django project for the speed bench (issue #12): one app, `shop`, with `count`
 * migrations over `count / 3` models (create model, then add field, then add index, in turn) and a
 * models.py that matches the last one. settings.py reads BENCH_DATABASE_URL for the plain
 * `manage.py migrate` runs; schemagate points DATABASES['default'] at its own database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Model {
  name: string;
  fields: string[];
  indexes: string[];
}

const SETTINGS = `import os
from urllib.parse import urlsplit

SECRET_KEY = "bench"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = ["shop"]
_url = urlsplit(os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"))
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": _url.path.lstrip("/"), "USER": _url.username or "", "PASSWORD": _url.password or "", "HOST": _url.hostname or "", "PORT": str(_url.port or "")}}
`;

const MANAGE = `#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
`;

export function generateDjangoHistory(dir: string, count = 60): string {
  const tables = Math.ceil(count / 3);
  const migrations = path.join(dir, 'shop', 'migrations');
  mkdirSync(migrations, { recursive: true });
  mkdirSync(path.join(dir, 'benchsite'), { recursive: true });
  writeFileSync(path.join(dir, 'manage.py'), MANAGE);
  writeFileSync(path.join(dir, 'benchsite', '__init__.py'), '');
  writeFileSync(path.join(dir, 'benchsite', 'settings.py'), SETTINGS);
  writeFileSync(path.join(dir, 'shop', '__init__.py'), '');
  writeFileSync(path.join(migrations, '__init__.py'), '');

  const models: Model[] = [];
  let previous: string | null = null;
  for (let i = 1; i <= count; i++) {
    const name = `${String(i).padStart(4, '0')}_step`;
    let operation: string;
    if (i <= tables) {
      const model = { name: `Item${i}`, fields: [] as string[], indexes: [] as string[] };
      models.push(model);
      operation = `migrations.CreateModel(name="${model.name}", fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("name", models.CharField(max_length=100)), ("rank", models.IntegerField(default=0))])`;
    } else {
      const model = models[(i - tables - 1) % tables]!;
      const round = Math.floor((i - tables - 1) / tables);
      if (round % 2 === 0 || model.fields.length === model.indexes.length) {
        const field = `extra_${i}`;
        model.fields.push(field);
        operation = `migrations.AddField(model_name="${model.name.toLowerCase()}", name="${field}", field=models.CharField(max_length=50, null=True))`;
      } else {
        const field = model.fields.at(-1)!;
        model.indexes.push(field);
        operation = `migrations.AddIndex(model_name="${model.name.toLowerCase()}", index=models.Index(fields=["${field}"], name="${indexName(model, field)}"))`;
      }
    }
    writeFileSync(
      path.join(migrations, `${name}.py`),
      `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${previous ? `("shop", "${previous}")` : ''}]
    operations = [${operation}]
`,
    );
    previous = name;
  }
  writeFileSync(path.join(dir, 'shop', 'models.py'), modelsPy(models));
  return dir;
}

function indexName(model: Model, field: string): string {
  // Django limits index names to 30 characters.
  return `i${model.name.toLowerCase()}_${field}`.slice(0, 30);
}

function modelsPy(all: Model[]): string {
  const classes = all.map((m) => {
    const lines = [
      `class ${m.name}(models.Model):`,
      '    name = models.CharField(max_length=100)',
      '    rank = models.IntegerField(default=0)',
      ...m.fields.map((f) => `    ${f} = models.CharField(max_length=50, null=True)`),
    ];
    if (m.indexes.length > 0) {
      const indexes = m.indexes.map((f) => `models.Index(fields=["${f}"], name="${indexName(m, f)}")`);
      lines.push('', '    class Meta:', `        indexes = [${indexes.join(', ')}]`);
    }
    return lines.join('\n');
  });
  return `from django.db import models


${classes.join('\n\n\n')}
`;
}
