#!/usr/bin/env node
/**
 * Extracts the GitHub REST operations modelgate uses from GitHub's official OpenAPI description
 * (the npm package @octokit/openapi, file generated/api.github.com.json) into the committed fixture
 * __fixtures__/github/openapi-subset.json, which the test stand-in (__tests__/harness/github-standin.ts)
 * validates every request and response against.
 *
 * Run it when upgrading the description (bump OPENAPI_VERSION) or when modelgate starts calling a new
 * endpoint (add it to OPERATIONS):   node scripts/extract-openapi.mjs
 * The fixture is committed; tests never download anything. @octokit/openapi unpacks to ~400 MB, so it is
 * deliberately not a dependency: this script fetches the pinned tarball with `npm pack` into a temp dir
 * and unpacks only the one file it reads.
 *
 * What the fixture holds, per operation: parameters, the JSON request body schema and the JSON response
 * schema per status, all with every $ref inlined and converted from OpenAPI 3.0 schema objects to plain
 * JSON Schema (draft-07) that ajv compiles as is:
 *  - `nullable: true` becomes `type: [t, 'null']` (plus `null` in an `enum`), or `anyOf: [{type:'null'}, s]`
 *    where there is no `type` (e.g. `allOf: [{$ref}]`);
 *  - boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04 style) become numeric bounds;
 *  - keywords that do not validate (description, example(s), default, readOnly, x-github...) are dropped;
 *    any keyword this script does not know makes it fail, so an upgrade can never silently loosen a schema.
 * A schema that refers to itself (directly or through others) is kept once under `definitions` and referred
 * to as `github-definitions.json#/definitions/<name>` instead of being inlined forever.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const OPENAPI_PACKAGE = '@octokit/openapi'
export const OPENAPI_VERSION = '23.0.2'
export const DEFINITIONS_ID = 'github-definitions.json'

/** Every [method, path] the action calls, plus the reads tests use to inspect what it wrote. */
export const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['get', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['delete', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['get', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  ['post', '/repos/{owner}/{repo}/deployments'],
  ['get', '/repos/{owner}/{repo}/deployments'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}'],
  ['post', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['get', '/repos/{owner}/{repo}/releases'],
  ['get', '/repos/{owner}/{repo}/releases/latest'],
  ['get', '/repos/{owner}/{repo}/releases/tags/{tag}'],
  // Deploy on a release: notes and assets (uploads go to uploads.github.com), and the bot's commands.
  ['get', '/repos/{owner}/{repo}/releases/{release_id}'],
  ['patch', '/repos/{owner}/{repo}/releases/{release_id}'],
  ['get', '/repos/{owner}/{repo}/releases/{release_id}/assets'],
  ['post', '/repos/{owner}/{repo}/releases/{release_id}/assets'],
  ['delete', '/repos/{owner}/{repo}/releases/assets/{asset_id}'],
  ['post', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions'],
  ['get', '/repos/{owner}/{repo}/collaborators/{username}/permission'],
]

/**
 * Component schemas GitHub uses for error bodies on any operation, including statuses an operation does not
 * document (401, 403 for integrations, 5xx): the stand-in validates such bodies against these.
 */
export const FALLBACK_ERROR_SCHEMAS = { 'basic-error': 'basic-error', 'validation-error': 'validation-error' }

const SUBSCHEMA_MAPS = new Set(['properties', 'patternProperties'])
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf'])
const SUBSCHEMA_ONE = new Set(['items', 'not', 'additionalProperties'])
const KEPT_AS_IS = new Set([
  'type',
  'enum',
  'format',
  'required',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'const',
])
const DROPPED = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'externalDocs',
])

/** Resolves `#/components/...` pointers in the description. */
function lookup(spec, ref) {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}: only local references are expected`)
  let node = spec
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
    if (node === undefined) throw new Error(`dangling $ref ${ref}`)
  }
  return node
}

/** Inlines refs and converts one OpenAPI 3.0 schema object to JSON Schema. `stack` holds the schema refs being inlined. */
export function convertSchema(spec, node, where, stack, definitions) {
  if (typeof node === 'boolean') return node
  if (node === null || typeof node !== 'object' || Array.isArray(node))
    throw new Error(`${where}: not a schema`)
  if (node.$ref !== undefined) {
    const name = node.$ref.startsWith('#/components/schemas/')
      ? node.$ref.slice('#/components/schemas/'.length)
      : null
    if (name !== null && stack.includes(name)) {
      // Recursive: emit a reference and define the schema once (its own self-references stay references).
      if (!(name in definitions)) {
        definitions[name] = null // placeholder stops re-entry while converting
        definitions[name] = convertSchema(spec, lookup(spec, node.$ref), node.$ref, [name], definitions)
      }
      return { $ref: `${DEFINITIONS_ID}#/definitions/${name}` }
    }
    const next = name === null ? stack : [...stack, name]
    return convertSchema(spec, lookup(spec, node.$ref), node.$ref, next, definitions)
  }
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (SUBSCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          convertSchema(spec, sub, `${where}/${key}/${name}`, stack, definitions),
        ]),
      )
    } else if (SUBSCHEMA_LISTS.has(key)) {
      out[key] = value.map((sub, i) => convertSchema(spec, sub, `${where}/${key}/${i}`, stack, definitions))
    } else if (SUBSCHEMA_ONE.has(key)) {
      out[key] = convertSchema(spec, value, `${where}/${key}`, stack, definitions)
    } else if (KEPT_AS_IS.has(key)) {
      out[key] = value
    } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum'
      if (value === true) {
        out[key] = node[bound]
      } else if (typeof value === 'number') out[key] = value
    } else if (key !== 'nullable' && !DROPPED.has(key) && !key.startsWith('x-')) {
      throw new Error(
        `${where}: unknown schema keyword "${key}"; teach scripts/extract-openapi.mjs what it means`,
      )
    }
  }
  if (out.exclusiveMinimum !== undefined && node.exclusiveMinimum === true) delete out.minimum
  if (out.exclusiveMaximum !== undefined && node.exclusiveMaximum === true) delete out.maximum
  return node.nullable === true ? makeNullable(out) : out
}

/** OpenAPI 3.0 `nullable` in JSON Schema terms. */
function makeNullable(schema) {
  if (typeof schema.type === 'string') {
    const nullable = { ...schema, type: [schema.type, 'null'] }
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) nullable.enum = [...schema.enum, null]
    return nullable
  }
  return { anyOf: [{ type: 'null' }, schema] }
}

function jsonContent(spec, content, where, definitions) {
  if (content === undefined) return { contentType: null, schema: null }
  const json = content['application/json']
  if (json === undefined) {
    const [contentType] = Object.keys(content)
    return { contentType, schema: null }
  }
  const schema =
    json.schema === undefined ? null : convertSchema(spec, json.schema, `${where}/schema`, [], definitions)
  return { contentType: 'application/json', schema }
}

function convertParameter(spec, raw, where, definitions) {
  const param = raw.$ref === undefined ? raw : lookup(spec, raw.$ref)
  if (param.content !== undefined)
    throw new Error(`${where}: parameter ${param.name} uses "content", not supported`)
  const out = {
    name: param.name,
    in: param.in,
    required: param.required === true,
    schema: convertSchema(spec, param.schema ?? {}, `${where}/${param.name}`, [], definitions),
  }
  if (param['x-multi-segment'] === true) out.multiSegment = true
  return out
}

export function extractOperation(spec, method, path, definitions) {
  const pathItem = spec.paths[path]
  const op = pathItem?.[method]
  if (op === undefined) throw new Error(`${method.toUpperCase()} ${path} is not in the description`)
  const where = `${method.toUpperCase()} ${path}`
  const params = new Map()
  for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = convertParameter(spec, raw, where, definitions)
    params.set(`${param.in}:${param.name}`, param) // operation-level parameters override path-level ones
  }
  let requestBody = null
  if (op.requestBody !== undefined) {
    const body = op.requestBody.$ref === undefined ? op.requestBody : lookup(spec, op.requestBody.$ref)
    const { contentType, schema } = jsonContent(spec, body.content, `${where} requestBody`, definitions)
    requestBody = { required: body.required === true, contentType, schema }
  }
  const responses = {}
  for (const [status, rawResponse] of Object.entries(op.responses)) {
    const response = rawResponse.$ref === undefined ? rawResponse : lookup(spec, rawResponse.$ref)
    const converted = jsonContent(spec, response.content, `${where} ${status}`, definitions)
    const headers = {}
    for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
      const header = rawHeader.$ref === undefined ? rawHeader : lookup(spec, rawHeader.$ref)
      headers[name.toLowerCase()] = convertSchema(
        spec,
        header.schema ?? {},
        `${where} ${status} ${name}`,
        [],
        definitions,
      )
    }
    responses[status] = { ...converted, headers }
  }
  return {
    method,
    path,
    operationId: op.operationId,
    docsUrl: op.externalDocs?.url ?? null,
    parameters: [...params.values()],
    requestBody,
    responses,
  }
}

export function extractSubset(spec, operations) {
  const definitions = {}
  const extracted = operations.map(([method, path]) => extractOperation(spec, method, path, definitions))
  const fallbackErrorSchemas = Object.fromEntries(
    Object.entries(FALLBACK_ERROR_SCHEMAS).map(([key, name]) => [
      key,
      convertSchema(spec, { $ref: `#/components/schemas/${name}` }, key, [], definitions),
    ]),
  )
  return { operations: extracted, fallbackErrorSchemas, definitions }
}

function downloadDescription(workDir) {
  const packed = JSON.parse(
    execFileSync(
      'npm',
      ['pack', `${OPENAPI_PACKAGE}@${OPENAPI_VERSION}`, '--json', '--pack-destination', workDir],
      {
        cwd: workDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  )[0]
  const member = 'package/generated/api.github.com.json'
  execFileSync('tar', ['-xzf', join(workDir, packed.filename), '-C', workDir, member], { stdio: 'inherit' })
  return { spec: JSON.parse(readFileSync(join(workDir, member), 'utf8')), integrity: packed.integrity }
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const output = join(root, '__fixtures__', 'github', 'openapi-subset.json')
  const workDir = mkdtempSync(join(tmpdir(), 'modelgate-openapi-'))
  try {
    const { spec, integrity } = downloadDescription(workDir)
    const subset = extractSubset(spec, OPERATIONS)
    const fixture = {
      source: {
        package: OPENAPI_PACKAGE,
        version: OPENAPI_VERSION,
        integrity,
        file: 'generated/api.github.com.json',
        openapi: spec.openapi,
      },
      generatedBy: 'scripts/extract-openapi.mjs',
      operationList: OPERATIONS.map(([method, path]) => `${method.toUpperCase()} ${path}`),
      ...subset,
    }
    mkdirSync(dirname(output), { recursive: true })
    writeFileSync(output, `${JSON.stringify(fixture, null, 1)}\n`)
    const recursive = Object.keys(subset.definitions)
    console.log(
      `wrote ${output}: ${subset.operations.length} operations from ${OPENAPI_PACKAGE}@${OPENAPI_VERSION}` +
        (recursive.length > 0 ? `, recursive schemas kept as definitions: ${recursive.join(', ')}` : ''),
    )
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
