// Checks docs/openapi.yaml against the server:
//   1. the routes printed by `renkei routes` and the document's operations are the same set
//      (the document also has GET /healthz, GET /readyz and GET /metrics, served outside the router);
//   2. the document is valid OpenAPI (swagger-parser: schema validation + $ref resolution),
//      every Schema Object compiles as strict JSON Schema 2020-12 (Ajv: catches misspelt or
//      3.0-only keywords such as `nullable`, which the 3.1 meta-schema lets through), and
//      every example matches its schema;
//   3. it follows the API's conventions (docs/api.md): the one Error schema for every error
//      response, cookie + X-CSRF-Token on state-changing requests, and the statuses that go
//      with them.
// Usage: node tests/openapi/check.mjs PATH_TO_RENKEI_BINARY [PATH_TO_OPENAPI_YAML]
// Run `npm ci` in tests/openapi first. Exit status 0 when all is well, 1 with a list otherwise.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
let SwaggerParser, Ajv2020;
try {
  ({ default: SwaggerParser } = await import("@apidevtools/swagger-parser"));
  ({ default: Ajv2020 } = await import("ajv/dist/2020.js"));
} catch (e) {
  console.error(`openapi check FAILED: ${e.message}\n  (run \`npm ci\` in ${here} first)`);
  process.exit(1);
}
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const UNSAFE = new Set(["post", "put", "patch", "delete"]);
// Served by the server itself before the router sees the request (src/platform/http/server.cpp).
const OUTSIDE_ROUTER = ["GET /healthz", "GET /readyz", "GET /metrics"];

const [binArg, docArg] = process.argv.slice(2);
if (!binArg) {
  console.error("usage: node tests/openapi/check.mjs PATH_TO_RENKEI_BINARY [PATH_TO_OPENAPI_YAML]");
  process.exit(2);
}
const bin = path.resolve(binArg);
const docPath = path.resolve(docArg ?? path.join(here, "..", "..", "docs", "openapi.yaml"));
const problems = [];

// --- 1. The server's routes -------------------------------------------------------------
function serverRoutes() {
  const run = spawnSync(bin, ["routes"], { encoding: "utf8" });
  if (run.error) throw new Error(`cannot run ${bin} routes: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${bin} routes exited with ${run.status}: ${run.stderr.trim()}`);
  const routes = new Set();
  for (const line of run.stdout.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const m = /^([A-Z]+) (\/\S*)$/.exec(line);
    if (!m) throw new Error(`unexpected line from ${bin} routes: ${JSON.stringify(line)}`);
    const key = `${m[1]} ${m[2]}`;
    if (routes.has(key)) problems.push(`route registered twice: ${key}`);
    routes.add(key);
  }
  if (routes.size === 0) throw new Error(`${bin} routes printed no routes`);
  return routes;
}

function documentedOperations(api) {
  const ops = new Map();
  for (const [p, item] of Object.entries(api.paths ?? {}))
    for (const method of METHODS) if (item?.[method]) ops.set(`${method.toUpperCase()} ${p}`, { p, method, op: item[method] });
  return ops;
}

// --- 2b. Schemas and examples -------------------------------------------------------------
// Walks the dereferenced document: every `schema` (and each components.schemas entry) must
// compile; every `example`/`examples` beside a `schema` must validate against it.
function lintSchemas(deref) {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, validateFormats: false, allErrors: true });
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]); // OpenAPI 3.1 base vocabulary
  const compiled = new Map();
  // Ajv accepts OpenAPI 3.0's `nullable`, but in a 3.1 document it means nothing to other
  // tools: null must be spelt `type: [X, 'null']`.
  const DATA = new Set(["example", "examples", "enum", "const", "default"]);
  const NAMED = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
  const seenHere = new Set();
  const noNullable = (schema, where) => {
    if (!schema || typeof schema !== "object" || seenHere.has(schema)) return;
    seenHere.add(schema);
    if (Array.isArray(schema)) return schema.forEach((s, i) => noNullable(s, `${where}/${i}`));
    for (const [k, v] of Object.entries(schema)) {
      if (k === "nullable") problems.push(`${where}: \`nullable\` is OpenAPI 3.0; write type: [..., 'null']`);
      else if (NAMED.has(k)) for (const [n, sub] of Object.entries(v ?? {})) noNullable(sub, `${where}/${k}/${n}`);
      else if (!DATA.has(k)) noNullable(v, `${where}/${k}`);
    }
  };
  const compile = (schema, where) => {
    if (!compiled.has(schema)) {
      noNullable(schema, where);
      try {
        compiled.set(schema, ajv.compile(schema));
      } catch (e) {
        compiled.set(schema, null);
        problems.push(`${where}: bad schema: ${e.message}`);
      }
    }
    return compiled.get(schema);
  };
  const checkExample = (validate, value, where) => {
    if (validate && !validate(value)) problems.push(`${where} does not match its schema: ${ajv.errorsText(validate.errors)}`);
  };
  const seen = new Set();
  const walk = (node, where) => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (node.schema && typeof node.schema === "object" && !Array.isArray(node.schema)) {
      const validate = compile(node.schema, `${where}/schema`);
      if ("example" in node) checkExample(validate, node.example, `${where}/example`);
      for (const [name, ex] of Object.entries(node.examples ?? {}))
        if (ex && "value" in ex) checkExample(validate, ex.value, `${where}/examples/${name}`);
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === "schema") continue;
      if (k === "schemas" && where === "#/components") continue; // done first, below
      walk(v, `${where}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  // Named schemas first, so a problem is reported where it is written.
  for (const [name, schema] of Object.entries(deref.components?.schemas ?? {})) compile(schema, `#/components/schemas/${name}`);
  walk(deref, "#");
}

// --- 3. Conventions ----------------------------------------------------------------------
function resolve(api, node) {
  for (let seen = 0; node && typeof node.$ref === "string"; ++seen) {
    if (seen > 20 || !node.$ref.startsWith("#/")) return node;
    node = node.$ref.slice(2).split("/").reduce((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], api);
  }
  return node;
}

function lint(api, ops) {
  const ids = new Map();
  for (const [key, { p, method, op }] of ops) {
    const where = `${key}:`;
    if (!op.operationId) problems.push(`${where} no operationId`);
    else if (ids.has(op.operationId)) problems.push(`${where} operationId ${op.operationId} also used by ${ids.get(op.operationId)}`);
    else ids.set(op.operationId, key);
    if (!op.summary) problems.push(`${where} no summary`);
    if (!op.tags?.length) problems.push(`${where} no tags`);
    const statuses = Object.keys(op.responses ?? {});
    if (!statuses.some((s) => /^2\d\d$/.test(s))) problems.push(`${where} no 2xx response`);
    for (const s of statuses.filter((s) => /^[45]\d\d$/.test(s))) {
      const schema = resolve(api, op.responses[s])?.content?.["application/json"]?.schema;
      if (schema?.$ref !== "#/components/schemas/Error")
        problems.push(`${where} response ${s} does not use #/components/schemas/Error`);
    }
    if (!p.startsWith("/api/")) continue;

    const security = op.security ?? api.security ?? [];
    const need = (status, why) => {
      if (!statuses.includes(status)) problems.push(`${where} ${why} but no ${status} response`);
    };
    if (security.length > 0) {
      if (!security.every((req) => "sessionCookie" in req)) problems.push(`${where} security does not require sessionCookie`);
      const csrf = security.every((req) => "csrfToken" in req);
      if (UNSAFE.has(method) && !csrf) problems.push(`${where} state-changing but does not require csrfToken (X-CSRF-Token)`);
      if (!UNSAFE.has(method) && security.some((req) => "csrfToken" in req)) problems.push(`${where} safe method requires csrfToken`);
      need("401", "needs a session");
      if (csrf) need("403", "needs X-CSRF-Token");
    }
    if (op.requestBody) {
      need("400", "has a JSON body");
      need("422", "has a JSON body");
    }
    need("500", "goes through the router");
  }
}

// --- Main --------------------------------------------------------------------------------
try {
  const routes = serverRoutes();
  let api;
  try {
    api = await SwaggerParser.parse(docPath);
  } catch (e) {
    throw new Error(`cannot read ${docPath}: ${e.message}`);
  }
  const ops = documentedOperations(api);

  for (const r of routes) if (!ops.has(r)) problems.push(`route not in the document: ${r}`);
  for (const key of ops.keys())
    if (!routes.has(key) && !OUTSIDE_ROUTER.includes(key)) problems.push(`documented operation is not a route: ${key}`);
  for (const key of OUTSIDE_ROUTER) if (!ops.has(key)) problems.push(`not in the document: ${key} (served outside the router)`);

  try {
    await SwaggerParser.validate(docPath);
    lintSchemas(await SwaggerParser.dereference(docPath));
  } catch (e) {
    problems.push(`invalid OpenAPI document:\n    ${e.message.trim().replace(/\n/g, "\n    ")}`);
  }
  lint(api, ops);

  if (problems.length) {
    console.error(`openapi check FAILED (${path.relative(process.cwd(), docPath) || docPath}):`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(
    `openapi check ok: ${routes.size} routes + ${OUTSIDE_ROUTER.length} outside the router = ${ops.size} documented operations; ` +
      `${api.openapi} document valid`,
  );
} catch (e) {
  console.error(`openapi check FAILED: ${e.message}`);
  process.exit(1);
}
