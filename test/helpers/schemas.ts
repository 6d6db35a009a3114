import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, '..', '..', 'docs', 'schemas');
let ajv: Ajv2020 | undefined;

/** Every schema of docs/schemas, loaded once, so that relative `$ref`s between them resolve. */
function schemas(): Ajv2020 {
  if (ajv !== undefined) return ajv;
  const loaded = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.schema.json')) loaded.addSchema(JSON.parse(readFileSync(join(dir, entry.name), 'utf8')) as object);
    }
  };
  walk(DIR);
  ajv = loaded;
  return loaded;
}

/**
 * Asserts that `value` (a file the harness wrote, parsed) is valid under
 * the schema that its own `$schema` names, or under `id` if given.
 *
 * @example
 * expectValidAgainstSchema(JSON.parse(readFileSync(file, 'utf8')));
 */
export function expectValidAgainstSchema(value: unknown, id?: string): void {
  const named = id ?? (value as { $schema?: unknown }).$schema;
  if (typeof named !== 'string') throw new Error('no schema named: the value has no $schema and none was given');
  const validate: ValidateFunction | undefined = schemas().getSchema(named);
  if (validate === undefined) throw new Error(`no schema ${named} in docs/schemas`);
  const valid = validate(value);
  expect(valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`), named).toEqual([]);
}
