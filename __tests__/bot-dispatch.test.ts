/** Which comments are `/modelgate` commands (parseCommand, planRun on issue_comment), and the deploy inputs. */
import { planRun } from '../src/action/dispatch.js'
import type { InputName } from '../src/action/constants.js'
import { parseInputs } from '../src/action/inputs.js'
import { parseCommand, REPLY_MARKER } from '../src/bot/parse.js'
import type { ActionContext, EventPayload } from '../src/github/context.js'
import { marked } from 'marked'
import { mdText } from '../src/report/escape.js'
import { withNotesSection, NOTES_END, NOTES_START } from '../src/deploy/release.js'

function settings(inputs: Partial<Record<InputName, string>> = {}) {
  const values: Partial<Record<InputName, string>> = { 'github-token': 't', ...inputs }
  return parseInputs((name) => values[name] ?? '', '/work/space')
}

function ctx(payload: EventPayload): ActionContext {
  return {
    eventName: 'issue_comment',
    payload,
    owner: 'acme',
    repo: 'churn-model',
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    workflow: 'modelgate',
    actor: 'maria',
    apiUrl: 'http://127.0.0.1:9',
    runUrl: null,
    workspace: '/work/space',
  }
}

const onPull = (body: string, extra: Partial<EventPayload> = {}): EventPayload => ({
  action: 'created',
  issue: { number: 7, pull_request: { url: 'x' } },
  comment: { id: 99, body, user: { login: 'maria', type: 'User' } },
  ...extra,
})

describe('parseCommand', () => {
  test.each([
    ['/modelgate help', { name: 'help', model: null }],
    ['/modelgate', { name: 'help', model: null }],
    ['  /modelgate rerun churn  ', { name: 'rerun', model: 'churn' }],
    ['LGTM\r\n/modelgate PROMOTE', { name: 'promote', model: null }],
    ['/modelgate explain churn.v2', { name: 'explain', model: 'churn.v2' }],
  ])('%j → %j', (body, expected) => expect(parseCommand(body)).toEqual(expected))

  test.each([
    ['/modelgate rerun churn extra', '/modelgate rerun churn extra'],
    ['/modelgate rerun $(rm -rf /)', '/modelgate rerun $(rm -rf /)'],
    ['/modelgate deploy', '/modelgate deploy'],
  ])('%j is unknown, kept as text to show escaped', (body, text) =>
    expect(parseCommand(body)).toEqual({ name: 'unknown', text }),
  )

  test.each([
    'no command here',
    'please `/modelgate rerun`',
    '> /modelgate rerun',
    '```\n/modelgate rerun\n```',
    '/modelgateway rerun',
    `${REPLY_MARKER}\n/modelgate rerun`,
  ])('%j is not a command', (body) => expect(parseCommand(body)).toBeNull())
})

describe('planRun on issue_comment', () => {
  test('a command on a pull request by a person is planned with the comment and its author', () => {
    expect(planRun(settings(), ctx(onPull('/modelgate rerun churn')))).toEqual({
      kind: 'command',
      command: { name: 'rerun', model: 'churn' },
      pullNumber: 7,
      commentId: 99,
      author: 'maria',
    })
  })

  test('edited comments, comments on issues and comments by bots are skipped, saying why', () => {
    const reason = (payload: EventPayload): string => {
      const plan = planRun(settings(), ctx(payload))
      return plan.kind === 'skip' ? plan.reason : `not skipped: ${plan.kind}`
    }
    expect(reason(onPull('/modelgate rerun', { action: 'edited' }))).toBe(
      'issue_comment "edited" events need no run (commands are read when created)',
    )
    expect(reason({ ...onPull('/modelgate rerun'), issue: { number: 3 } })).toBe(
      'the comment is on an issue, not a pull request',
    )
    expect(
      reason({
        ...onPull('/modelgate rerun'),
        comment: { id: 1, body: '/modelgate rerun', user: { login: 'renovate[bot]' } },
      }),
    ).toBe("the comment is by a bot (renovate[bot]); bots' comments are ignored")
  })
})

describe('deploy inputs', () => {
  test('webhook URLs must be https (http only to this machine), to-run needs model, all reported at once', () => {
    expect(() =>
      settings({
        'deploy-webhook': 'http://deploy.example.com/hook',
        'to-run': 'r1',
        'allow-inconclusive': 'yes',
      }),
    ).toThrow(
      '3 problems with the inputs: input "deploy-webhook": must be an https:// URL (http:// only to 127.0.0.1 or localhost); input "allow-inconclusive": "yes" is not a boolean; use true or false; input "to-run": names a run of one model, so input "model" must name that model',
    )
    const ok = settings({
      'deploy-webhook': 'https://deploy.example.com/hook',
      'deploy-to': 's3://serving/models/',
      model: 'churn',
      'to-run': 'r1',
    })
    expect(ok).toMatchObject({
      deployWebhook: 'https://deploy.example.com/hook',
      deployTo: { kind: 's3', bucket: 'serving', prefix: 'models' },
      deployEnvironment: 'production',
      allowInconclusive: false,
      model: 'churn',
      toRun: 'r1',
    })
    expect(() => settings({ 'deploy-to': 's3://Bad_Bucket/x' })).toThrow(
      /^input "deploy-to": "s3:\/\/Bad_Bucket\/x": bucket name/,
    )
  })
})

describe('escaping and the notes section', () => {
  test('user text shows as typed: no link, image, mention, tag or line break survives', async () => {
    const text = mdText('![x](http://e) [a](b) @team <img src=x> **b**\n# h')
    expect(text).not.toContain('\n')
    const html = await marked.parse(text, { gfm: true })
    expect(html).not.toMatch(/<a |<img|<strong|<h1/)
    expect(html).toContain('@\u2060team') // a mention GitHub does not link
    expect(html).toContain('&lt;img src=x&gt;')
  })

  test("the modelgate section is added after the author's text, replaced in place, and nothing else changes", () => {
    expect(withNotesSection(null, 'T')).toBe(`${NOTES_START}\nT\n${NOTES_END}`)
    const once = withNotesSection('Author text.\n', 'T1')
    expect(once).toBe(`Author text.\n\n${NOTES_START}\nT1\n${NOTES_END}`)
    const edited = `${once}\n\nAdded later by the author.`
    expect(withNotesSection(edited, 'T2')).toBe(
      `Author text.\n\n${NOTES_START}\nT2\n${NOTES_END}\n\nAdded later by the author.`,
    )
  })
})
