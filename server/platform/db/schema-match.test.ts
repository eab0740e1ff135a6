// Proves the migrated database is exactly what prisma/schema.prisma describes, so a schema
// change without a migration (or a migration the schema does not describe) fails here.
//
// The schema's structure comes from Prisma itself: `prisma generate` parses schema.prisma and
// hands its DMMF to every generator, so a copy of the schema whose only generator is a tiny
// DMMF-dumping one yields Prisma's own reading of it, offline (`@prisma/internals`' getDMMF is
// not installed, and the generated client keeps only a pruned runtime model without
// nullability, uniques or referential actions).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { testDatabaseVariants, type TestDatabase } from "../../../testing/test-database";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
};
type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

// The shape both sides are reduced to, so one deepEqual shows every difference at once.
type Column = { type: string; nullable: boolean; default: string | null };
type Index = { unique: boolean; primary: boolean; columns: string[] };
type ForeignKey = {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
};
type Table = {
  columns: Record<string, Column>;
  indexes: Record<string, Index>;
  foreignKeys: Record<string, ForeignKey>;
};
type Structure = { enums: Record<string, string[]>; tables: Record<string, Table> };

const dmmfDumper = `
import { createInterface } from "node:readline";
import { writeFileSync } from "node:fs";
const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const { id, method, params } = JSON.parse(line);
  if (method === "getManifest") reply(id, { manifest: { prettyName: "DMMF dump", requiresEngines: [] } });
  if (method === "generate") {
    writeFileSync(params.generator.output.value, JSON.stringify(params.dmmf.datamodel));
    reply(id, null);
  }
});
`;

async function loadDatamodel(): Promise<Datamodel> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lastmile-dmmf-"));
  try {
    const dumper = path.join(dir, "dump-dmmf.mjs");
    const output = path.join(dir, "dmmf.json");
    await writeFile(dumper, dmmfDumper);
    const schema = await readFile(path.join(repoRoot, "prisma/schema.prisma"), "utf8");
    const generator = `generator dmmf {\n  provider = ${JSON.stringify(`node ${dumper}`)}\n  output   = ${JSON.stringify(output)}\n}`;
    const withOnlyDumper = schema.replace(/^generator\s+\w+\s*\{[^}]*\}/gm, "") + `\n${generator}\n`;
    await writeFile(path.join(dir, "schema.prisma"), withOnlyDumper);
    // The same wrapper as postinstall: it copes with the schema engine being absent.
    await promisify(execFile)("bash", ["scripts/prisma-generate.sh", "--schema", path.join(dir, "schema.prisma")], {
      cwd: repoRoot,
    });
    return JSON.parse(await readFile(output, "utf8")) as Datamodel;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const scalarTypes: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const referentialActions: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

// As PostgreSQL's format_type / pg_get_expr print identifiers.
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function unsupported(what: string): never {
  throw new Error(`schema-match.test.ts does not know how PostgreSQL shows ${what} yet; teach it.`);
}

function expectedStructure(datamodel: Datamodel): Structure {
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName) ?? unsupported(`field ${model.name}.${fieldName}`);
    return field.dbName ?? field.name;
  };

  const structure: Structure = {
    enums: Object.fromEntries(datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
    tables: {},
  };

  for (const model of datamodel.models) {
    const table: Table = { columns: {}, indexes: {}, foreignKeys: {} };
    structure.tables[tableOf(model)] = table;

    for (const field of model.fields) {
      if (field.kind === "object") continue;
      if (field.kind === "unsupported") unsupported(`Unsupported("${field.type}") columns`);
      if (field.nativeType) unsupported(`native type ${JSON.stringify(field.nativeType)}`);
      const baseType = field.kind === "enum" ? quoteIdent(enumDbNames.get(field.type) ?? unsupported(`enum ${field.type}`)) : (scalarTypes[field.type] ?? unsupported(`scalar type ${field.type}`));
      table.columns[field.dbName ?? field.name] = {
        type: field.isList ? `${baseType}[]` : baseType,
        nullable: !field.isRequired && !field.isList,
        default: field.hasDefaultValue ? expectedDefault(field, baseType, `${tableOf(model)}_${field.dbName ?? field.name}_seq`) : null,
      };
    }

    for (const field of model.fields) {
      const from = field.relationFromFields ?? [];
      if (field.kind !== "object" || from.length === 0) continue;
      const target = models.get(field.type) ?? unsupported(`relation to ${field.type}`);
      const columns = from.map((name) => columnOf(model, name));
      table.foreignKeys[`${tableOf(model)}_${columns.join("_")}_fkey`] = {
        columns,
        referencedTable: tableOf(target),
        referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(target, name)),
        // Prisma's defaults when the relation does not say.
        onDelete: referentialActions[field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")]!,
        onUpdate: referentialActions[field.relationOnUpdate ?? "Cascade"]!,
      };
    }
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model) ?? unsupported(`index on ${index.model}`);
    const columns = index.fields.map((f) => columnOf(model, f.name));
    if (index.type === "fulltext") unsupported("fulltext indexes");
    const defaultName = index.type === "id" ? `${tableOf(model)}_pkey` : `${tableOf(model)}_${columns.join("_")}_${index.type === "unique" ? "key" : "idx"}`;
    const name = index.dbName ?? defaultName;
    structure.tables[tableOf(model)]!.indexes[name] = {
      unique: index.type !== "normal",
      primary: index.type === "id",
      columns,
    };
  }
  return structure;
}

function expectedDefault(field: DmmfField, sqlType: string, sequence: string): string {
  const value = field.default;
  if (typeof value === "object" && value !== null && "name" in value) {
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    // A SERIAL/BIGSERIAL column's default, as pg_get_expr prints it.
    if (value.name === "autoincrement") return `nextval('${sequence}'::regclass)`;
    unsupported(`@default(${String(value.name)}())`);
  }
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'::${sqlType}`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return unsupported(`@default(${JSON.stringify(value)})`);
}

async function actualStructure(client: pg.ClientBase): Promise<Structure> {
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = current_schema()::regnamespace
      GROUP BY t.typname`,
  );
  const columns = await client.query<{ table: string; column: string } & Column>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
        AND c.relname <> '_prisma_migrations'`,
  );
  const indexes = await client.query<{ table: string; name: string } & Index>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
            array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   ORDER BY k.n) AS columns
       FROM pg_index x
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
      WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_prisma_migrations'`,
  );
  const foreignKeys = await client.query<{ table: string; name: string } & ForeignKey>(
    `SELECT t.relname AS table, f.conname AS name, r.relname AS "referencedTable",
            array(SELECT a.attname::text FROM unnest(f.conkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
            array(SELECT a.attname::text FROM unnest(f.confkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum ORDER BY k.n)
              AS "referencedColumns",
            f.confdeltype AS "onDelete", f.confupdtype AS "onUpdate"
       FROM pg_constraint f
       JOIN pg_class t ON t.oid = f.conrelid
       JOIN pg_class r ON r.oid = f.confrelid
      WHERE f.contype = 'f' AND t.relnamespace = current_schema()::regnamespace`,
  );

  const actionCodes: Record<string, string> = {
    a: "NO ACTION",
    r: "RESTRICT",
    c: "CASCADE",
    n: "SET NULL",
    d: "SET DEFAULT",
  };
  const structure: Structure = {
    enums: Object.fromEntries(enums.rows.map((e) => [e.name, e.values])),
    tables: {},
  };
  const table = (name: string) => (structure.tables[name] ??= { columns: {}, indexes: {}, foreignKeys: {} });
  for (const c of columns.rows) {
    table(c.table).columns[c.column] = { type: c.type, nullable: c.nullable, default: c.default };
  }
  for (const i of indexes.rows) {
    table(i.table).indexes[i.name] = { unique: i.unique, primary: i.primary, columns: i.columns };
  }
  for (const f of foreignKeys.rows) {
    table(f.table).foreignKeys[f.name] = {
      columns: f.columns,
      referencedTable: f.referencedTable,
      referencedColumns: f.referencedColumns,
      onDelete: actionCodes[f.onDelete] ?? f.onDelete,
      onUpdate: actionCodes[f.onUpdate] ?? f.onUpdate,
    };
  }
  return structure;
}

let datamodel: Promise<Datamodel> | undefined;

for (const variant of testDatabaseVariants()) {
  describe(`the migrated ${variant.name} database matches prisma/schema.prisma`, () => {
    let db: TestDatabase;
    let client: pg.Client;
    let expected: Structure;
    let actual: Structure;

    before(async () => {
      let schema: Datamodel;
      [db, schema] = await Promise.all([variant.create(), (datamodel ??= loadDatamodel())]);
      expected = expectedStructure(schema);
      client = new pg.Client({ connectionString: db.connectionString });
      await client.connect();
      actual = await actualStructure(client);
    });

    after(async () => {
      await client?.end();
      await db?.close();
    });

    test("the same tables, and nothing else", () => {
      assert.deepEqual(Object.keys(actual.tables).sort(), Object.keys(expected.tables).sort());
    });

    test("enums and their values, in order", () => {
      assert.deepEqual(actual.enums, expected.enums);
    });

    test("every column: type, nullability and default", () => {
      for (const [name, table] of Object.entries(expected.tables)) {
        assert.deepEqual(actual.tables[name]?.columns, table.columns, `columns of ${name}`);
      }
    });

    test("primary keys, unique constraints and indexes, with Prisma's names", () => {
      for (const [name, table] of Object.entries(expected.tables)) {
        assert.deepEqual(actual.tables[name]?.indexes, table.indexes, `indexes of ${name}`);
      }
    });

    test("foreign keys with their ON DELETE / ON UPDATE actions", () => {
      for (const [name, table] of Object.entries(expected.tables)) {
        assert.deepEqual(actual.tables[name]?.foreignKeys, table.foreignKeys, `foreign keys of ${name}`);
      }
    });
  });
}
