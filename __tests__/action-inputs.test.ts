/** action.yml and the input parser agree, and the parser checks inputs alone and together. */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { Inputs, Outputs, type InputName } from '../src/action/constants.js'
import { INPUT_DEFAULTS, parseInputs, splitList } from '../src/action/inputs.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

async function actionYml(): Promise<ActionYml> {
  return parse(await fs.readFile(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml
}

function reader(values: Partial<Record<InputName, string>>): (name: InputName) => string {
  return (name) => values[name] ?? ''
}

describe('action.yml', () => {
  test('declares exactly the inputs and outputs of constants.ts, each described, none required with a default', async () => {
    const yml = await actionYml()
    expect(Object.keys(yml.inputs).sort()).toEqual(Object.values(Inputs).sort())
    expect(Object.keys(yml.outputs).sort()).toEqual(Object.values(Outputs).sort())
    for (const [name, input] of Object.entries(yml.inputs)) {
      expect([name, input.description.length > 20]).toEqual([name, true])
      expect([name, input.required === true && input.default !== undefined]).toEqual([name, false])
    }
    for (const [name, output] of Object.entries(yml.outputs))
      expect([name, output.description.length > 10]).toEqual([name, true])
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  test("the parser's defaults are action.yml's defaults", async () => {
    const yml = await actionYml()
    for (const [name, value] of Object.entries(INPUT_DEFAULTS))
      expect([name, yml.inputs[name]?.default]).toEqual([name, value])
    expect(yml.inputs[Inputs.GitHubToken]?.default).toBe('${{ github.token }}')
  })
})

describe('parseInputs', () => {
  const workspace = '/work/space'

  test('the defaults give a typed settings object with paths resolved against the workspace', () => {
    expect(parseInputs(reader({ 'github-token': 't' }), workspace)).toEqual({
      models: ['models/*'],
      store: { kind: 'fs', dir: '/work/space/.modelgate' },
      githubToken: 't',
      comment: 'on-change',
      checks: true,
      failOn: 'fail',
      promoteOn: 'push',
      mode: 'auto',
      resultsFile: '/work/space/modelgate-results.json',
      allowOutsideWorkspace: false,
      reportFile: '/work/space/modelgate-results.md',
      htmlFile: '/work/space/modelgate-results.html',
      reportBaseUrl: null,
      reportUrlExpirySeconds: 168 * 3600,
      reportArtifact: 'modelgate-report',
      deployTo: null,
      deployWebhook: null,
      deployEnvironment: 'production',
      allowInconclusive: false,
      model: null,
      toRun: null,
      changedOnly: false,
      entry: null,
      plan: null,
    })
  })

  test('lists, enums in any case, YAML booleans and S3 settings', () => {
    const settings = parseInputs(
      reader({
        models: 'models/churn,\n models/credit \n\nmodels/**',
        store: 's3://team-models/ci',
        's3-endpoint': 'http://127.0.0.1:9000',
        's3-region': 'eu-west-1',
        's3-force-path-style': 'True',
        'github-token': 't',
        comment: 'ALWAYS',
        checks: 'FALSE',
        'results-file': 'out/results.json',
      }),
      workspace,
    )
    expect(settings.models).toEqual(['models/churn', 'models/credit', 'models/**'])
    expect(settings.store).toEqual({
      kind: 's3',
      bucket: 'team-models',
      prefix: 'ci',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
    })
    expect([settings.comment, settings.checks]).toEqual(['always', false])
    expect(settings.reportFile).toBe('/work/space/out/results.md')
    expect(splitList(' a ,, b\n')).toEqual(['a', 'b'])
  })

  test('bad values name their input', () => {
    const bad =
      (values: Partial<Record<InputName, string>>): (() => unknown) =>
      () =>
        parseInputs(reader({ 'github-token': 't', ...values }), workspace)
    expect(bad({ mode: 'deploy-all' })).toThrow(
      'input "mode": "deploy-all" is not one of auto, plan, train, report, deploy, rollback',
    )
    expect(bad({ 'promote-on': 'merge' })).toThrow(
      'input "promote-on": "merge" is not one of push, release, never',
    )
    expect(bad({ 's3-force-path-style': '1' })).toThrow(
      'input "s3-force-path-style": "1" is not a boolean; use true or false',
    )
    expect(bad({ store: 's3://Bad_Bucket/x' })).toThrow(
      'input "store" "s3://Bad_Bucket/x": bucket name "Bad_Bucket" may contain only lowercase letters, digits, dots and hyphens',
    )
    expect(bad({ store: 's3://ok-bucket', 's3-endpoint': 'ftp://x' })).toThrow(
      'input "s3-endpoint" "ftp://x" must start with http:// or https://',
    )
    expect(bad({ models: '../elsewhere' })).toThrow(
      'input "models": "../elsewhere" must be a path inside the workspace',
    )
    expect(bad({ 'results-file': 'report.md' })).toThrow(
      'input "results-file": "report.md" must name a JSON file',
    )
  })

  test('values fine alone but not together', () => {
    expect(() =>
      parseInputs(reader({ mode: 'deploy', comment: 'never', checks: 'false' }), workspace),
    ).toThrow('input "github-token": is empty but mode: deploy creates a GitHub deployment')
    expect(() =>
      parseInputs(
        reader({ 'github-token': 't', mode: 'report', comment: 'never', checks: 'false' }),
        workspace,
      ),
    ).toThrow(
      'input "mode": "report" posts the comment and check runs, but comment is never and checks is false: nothing to do',
    )
    // Without a token, a run that posts nothing is fine.
    expect(parseInputs(reader({ comment: 'never', checks: 'false' }), workspace).githubToken).toBe('')
  })
})
