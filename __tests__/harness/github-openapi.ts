/**
 * The committed subset of GitHub's OpenAPI description (see scripts/extract-openapi.mjs), compiled with ajv:
 * route matching, request validation (path, query, JSON body) and response validation.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

type JsonSchema = Record<string, unknown> | boolean

interface ParameterSpec {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: JsonSchema
  multiSegment?: boolean
}

interface ResponseSpec {
  contentType: string | null
  schema: JsonSchema | null
  headers: Record<string, JsonSchema>
}

interface OperationSpec {
  method: string
  path: string
  operationId: string
  docsUrl: string | null
  parameters: ParameterSpec[]
  requestBody: { required: boolean; contentType: string | null; schema: JsonSchema | null } | null
  responses: Record<string, ResponseSpec>
}

interface SubsetFixture {
  source: { package: string; version: string }
  operations: OperationSpec[]
  fallbackErrorSchemas: Record<'basic-error' | 'validation-error', JsonSchema>
  definitions: Record<string, JsonSchema>
}

export interface CompiledOperation {
  spec: OperationSpec
  /** GitHub's documentation link for this operation, as GitHub puts in `documentation_url`. */
  docsUrl: string
  pattern: RegExp
  paramNames: string[]
  params: Map<string, { spec: ParameterSpec; validate: ValidateFunction }>
  body: ValidateFunction | null
  responses: Map<
    string,
    { spec: ResponseSpec; validate: ValidateFunction | null; headers: Map<string, ValidateFunction> }
  >
}

export const FIXTURE_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '__fixtures__',
  'github',
  'openapi-subset.json',
)

/** One ajv error as a line GitHub-like enough to read: `For 'properties/conclusion', "x" must be equal to ...`. */
export function describeAjvError(error: ErrorObject, data: unknown): string {
  if (error.keyword === 'required') {
    return `"${String((error.params as { missingProperty: string }).missingProperty)}" wasn't supplied.`
  }
  const path = error.instancePath === '' ? 'items' : `properties${error.instancePath}`
  let value: unknown = data
  for (const part of error.instancePath.split('/').slice(1)) {
    value = (value as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  const allowed =
    error.keyword === 'enum'
      ? ` ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
      : ''
  return `For '${path}', ${JSON.stringify(value)} ${error.message ?? 'is invalid'}${allowed}.`
}

/** Query and path parameters arrive as strings; convert them the way GitHub reads them, or leave them to fail. */
function coerceParameter(raw: string, schema: JsonSchema): unknown {
  if (typeof schema === 'boolean') return raw
  const types = ([] as unknown[]).concat(schema.type ?? [])
  if (
    (types.includes('integer') && /^-?\d+$/.test(raw)) ||
    (types.includes('number') && /^-?\d+(\.\d+)?$/.test(raw))
  ) {
    return Number(raw)
  }
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}

/** Malformed percent-escapes stay as sent, so the parameter fails validation instead of crashing the server. */
function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export class OpenApiSubset {
  readonly version: string
  readonly operations: CompiledOperation[]
  private readonly fallbackBasicError: ValidateFunction
  private readonly fallbackValidationError: ValidateFunction

  constructor(fixture: SubsetFixture) {
    this.version = `${fixture.source.package}@${fixture.source.version}`
    // strict: false because the description's schemas are what they are; formats are checked (uri, date-time, int64).
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
    addFormats.default(ajv)
    ajv.addSchema({ $id: 'github-definitions.json', definitions: fixture.definitions })
    const compile = (schema: JsonSchema): ValidateFunction => ajv.compile(schema)
    this.fallbackBasicError = compile(fixture.fallbackErrorSchemas['basic-error'])
    this.fallbackValidationError = compile(fixture.fallbackErrorSchemas['validation-error'])
    this.operations = fixture.operations.map((spec) => {
      const paramNames: string[] = []
      const multi = new Set(spec.parameters.filter((p) => p.multiSegment === true).map((p) => p.name))
      const source = spec.path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
          paramNames.push(name)
          return multi.has(name) ? '(.+)' : '([^/]+)'
        })
      return {
        spec,
        docsUrl: spec.docsUrl ?? 'https://docs.github.com/rest',
        pattern: new RegExp(`^${source}$`),
        paramNames,
        params: new Map(
          spec.parameters.map((p) => [`${p.in}:${p.name}`, { spec: p, validate: compile(p.schema) }]),
        ),
        body: spec.requestBody?.schema ? compile(spec.requestBody.schema) : null,
        responses: new Map(
          Object.entries(spec.responses).map(([status, r]) => [
            status,
            {
              spec: r,
              validate: r.schema === null ? null : compile(r.schema),
              headers: new Map(Object.entries(r.headers).map(([name, schema]) => [name, compile(schema)])),
            },
          ]),
        ),
      }
    })
    // Literal segments win over parameters (`/releases/latest` before a `{release_id}` template).
    const literalLength = (op: CompiledOperation): number => op.spec.path.replace(/\{\w+\}/g, '').length
    this.operations.sort((a, b) => literalLength(b) - literalLength(a))
  }

  static load(): OpenApiSubset {
    return new OpenApiSubset(JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as SubsetFixture)
  }

  /** The operation for a method and path, or `undefined`; also says whether the path exists for another method. */
  match(
    method: string,
    pathname: string,
  ): { op: CompiledOperation; rawParams: Record<string, string> } | { op: undefined; pathKnown: boolean } {
    let pathKnown = false
    for (const op of this.operations) {
      const found = op.pattern.exec(pathname)
      if (found === null) continue
      pathKnown = true
      if (op.spec.method !== method.toLowerCase()) continue
      const rawParams: Record<string, string> = {}
      op.paramNames.forEach((name, i) => {
        rawParams[name] = safeDecode(found[i + 1]!) // each parameter is a required group of the pattern
      })
      return { op, rawParams }
    }
    return { op: undefined, pathKnown }
  }

  /** Coerces and validates path and query parameters; unknown query parameters are ignored, as GitHub does. */
  validateParameters(
    op: CompiledOperation,
    rawPath: Record<string, string>,
    query: URLSearchParams,
  ): {
    path: Record<string, unknown>
    query: Record<string, unknown>
    pathErrors: string[]
    queryErrors: string[]
  } {
    const result = { path: {} as Record<string, unknown>, query: {} as Record<string, unknown> }
    const pathErrors: string[] = []
    const queryErrors: string[] = []
    for (const { spec, validate } of op.params.values()) {
      if (spec.in !== 'path' && spec.in !== 'query') continue
      const raw = spec.in === 'path' ? rawPath[spec.name] : (query.get(spec.name) ?? undefined)
      const errors = spec.in === 'path' ? pathErrors : queryErrors
      if (raw === undefined) {
        if (spec.required) errors.push(`"${spec.name}" wasn't supplied.`)
        continue
      }
      const value = coerceParameter(raw, spec.schema)
      if (!validate(value)) {
        errors.push(
          `${spec.in} parameter ${spec.name}=${JSON.stringify(raw)}: ${validate.errors?.[0]?.message}`,
        )
      }
      result[spec.in][spec.name] = value
    }
    return { ...result, pathErrors, queryErrors }
  }

  /** Messages for a JSON request body that does not match the operation's schema (empty when it does). */
  validateBody(op: CompiledOperation, body: unknown): string[] {
    if (op.body === null || op.body(body)) return []
    return (op.body.errors ?? []).map((e) => describeAjvError(e, body))
  }

  /**
   * Messages for a response that does not match the description. Statuses an operation does not document
   * but GitHub sends on any operation (errors) are checked against GitHub's generic error schemas.
   */
  validateResponse(
    op: CompiledOperation,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): string[] {
    const documented = op.responses.get(String(status))
    let validate: ValidateFunction | null
    if (documented !== undefined) {
      for (const [name, value] of Object.entries(headers)) {
        const check = documented.headers.get(name.toLowerCase())
        if (check !== undefined && !check(value)) return [`header ${name}: ${check.errors?.[0]?.message}`]
      }
      if (documented.spec.contentType === null) {
        return body === undefined || status !== 204 ? [] : [`status 204 must have no body`]
      }
      validate = documented.validate
    } else if (status >= 400) {
      validate = status === 422 ? this.fallbackValidationError : this.fallbackBasicError
    } else {
      return [`status ${status} is not documented for ${op.spec.operationId}`]
    }
    if (validate === null || validate(body)) return []
    return (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`.trim())
  }
}
