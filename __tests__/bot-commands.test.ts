/**
 * The PR bot end to end: `/modelgate` comments (issue_comment events) against the GitHub stand-in. Every
 * command path, the permission check through the collaborator-permission API (never author_association), a
 * read-only user's refusal, bots' comments ignored, and comment text never turned into Markdown syntax.
 */
import { marked } from 'marked'
import path from 'node:path'
import {
  HEAD_SHA,
  MAIN_SHA,
  OWNER,
  REPO,
  eventCall,
  loadEvent,
  requiredOutput,
  runActionInProcess,
  type ActionRun,
} from './helpers/action-runner.js'
import { repo, standIn, useActionWorld, workspace } from './helpers/action-world.js'
import { fakeGit } from './helpers/fake-git.js'
import { copyRunWithVerdict } from './helpers/runs.js'
import type { CommentRecord } from './harness/github-state.js'
import { REPLY_MARKER } from '../src/bot/parse.js'
import { Registry } from '../src/store/registry.js'
import { FsObjectStore } from '../src/store/fs-store.js'
import { systemClock } from '../src/util/clock.js'

let checkedOut: string

useActionWorld({ headSha: MAIN_SHA })
beforeEach(() => {
  standIn.state.setPermission(repo, 'maria', 'maintain')
  standIn.state.setPermission(repo, 'rita', 'read')
  checkedOut = HEAD_SHA
})

const services = { gitReader: () => fakeGit({}, checkedOut) }

async function pushToMain(): Promise<string> {
  const run = await runActionInProcess(
    await eventCall('push', { workspace, apiUrl: standIn.url }, { checks: 'false' }),
    services,
  )
  expect(run.exitCode).toBe(0)
  return JSON.parse(requiredOutput(run, 'run-ids')).churn as string
}

/** Post `body` as `author` on PR #1 and run the Action on the issue_comment event it causes. */
async function comment(
  body: string,
  author: string,
  options: { type?: 'User' | 'Bot'; association?: string } = {},
): Promise<{ run: ActionRun; posted: CommentRecord }> {
  standIn.state.user(author, options.type ?? 'User')
  const posted = standIn.state.addComment(repo, 1, body, author)
  const base = await loadEvent('pull_request')
  const payload = {
    action: 'created',
    issue: {
      number: 1,
      pull_request: { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/1` },
      state: 'open',
    },
    comment: {
      id: posted.id,
      body,
      user: { login: author, type: options.type ?? 'User' },
      // What GitHub sends; the bot must not trust it. OWNER here, yet rita may only read.
      author_association: options.association ?? 'NONE',
    },
    repository: base.repository,
    sender: { login: author },
  }
  const run = await runActionInProcess(
    {
      workspace,
      apiUrl: standIn.url,
      event: 'issue_comment',
      payload,
      sha: MAIN_SHA,
      ref: 'refs/heads/main',
      actor: author,
    },
    services,
  )
  return { run, posted }
}

/** The bot's replies on PR #1 (the sticky report comment excluded), newest last. */
function replies(): string[] {
  return standIn.state
    .commentsOn(repo, 1)
    .filter((c) => c.body.startsWith(REPLY_MARKER))
    .map((c) => c.body)
}

function reactionsOn(posted: CommentRecord): string[] {
  return standIn.state.reactions.filter((r) => r.commentId === posted.id).map((r) => r.content)
}

function registry(): Registry {
  return new Registry(new FsObjectStore(path.join(workspace, '.modelgate')), systemClock)
}

describe('/modelgate commands', () => {
  test('help: acknowledged with a reaction and answered in a reply, for anyone', async () => {
    const { run, posted } = await comment('Thanks!\n/modelgate help', 'rita')
    expect(run.exitCode).toBe(0)
    expect(reactionsOn(posted)).toEqual(['eyes'])
    const [answer] = replies()
    expect(answer).toContain('@rita **modelgate commands**')
    expect(answer).toContain('- `/modelgate rerun [model]`')
    // No line of the reply starts with /modelgate, so a reply can never be read as a command.
    expect(answer!.split('\n').some((l) => l.trim().startsWith('/modelgate'))).toBe(false)
  })

  test('rerun by a read-only user is refused politely, checked with the permission API, and changes nothing', async () => {
    const { run, posted } = await comment('/modelgate rerun', 'rita', { association: 'OWNER' })
    expect(run.exitCode).toBe(0)
    expect(reactionsOn(posted)).toEqual(['eyes'])
    expect(
      standIn.requests
        .filter((r) => r.operationId === 'repos/get-collaborator-permission-level')
        .map((r) => r.path),
    ).toEqual([`/repos/${OWNER}/${REPO}/collaborators/rita/permission`])
    expect(replies()).toEqual([
      expect.stringContaining(
        '@rita sorry, `/modelgate rerun` changes check runs and champions, so it needs write, maintain or admin permission on this repository, and yours is read.',
      ),
    ])
    expect(standIn.state.checkRunsFor(repo, HEAD_SHA)).toEqual([])
    expect(standIn.state.commentsOn(repo, 1)).toHaveLength(2) // the command and the refusal
  })

  test("a bot's comment is ignored without a single API call, modelgate's own replies included", async () => {
    const bot = await comment('/modelgate rerun', 'dependabot[bot]', { type: 'Bot' })
    expect(bot.run.exitCode).toBe(0)
    expect(bot.run.log).toContain(
      "nothing to do: the comment is by a bot (dependabot[bot]); bots' comments are ignored",
    )
    // A reply posted under a person's token (a PAT) carries the marker and is ignored too.
    const own = await comment(`${REPLY_MARKER}\n@rita\n/modelgate rerun`, 'maria')
    expect(own.run.log).toContain('nothing to do: the comment is by a bot')
    expect(standIn.requests.map((r) => r.operationId)).toEqual([])
  })

  test('rerun by a maintainer re-evaluates the PR head: sticky comment and check runs on the head commit', async () => {
    const champion = await pushToMain()
    const { run, posted } = await comment('/modelgate rerun churn', 'maria')
    expect(run.exitCode).toBe(0)
    expect(reactionsOn(posted)).toEqual(['eyes'])
    const checks = standIn.state.checkRunsFor(repo, HEAD_SHA)
    expect(checks.map((c) => [c.name, c.status])).toEqual([['modelgate / churn', 'completed']])
    const sticky = standIn.state
      .commentsOn(repo, 1)
      .filter((c) => c.body.startsWith('<!-- modelgate:comment '))
    expect(sticky).toHaveLength(1)
    expect(sticky[0]!.body).toContain(champion)
    expect(replies()).toEqual([
      `${REPLY_MARKER}\n@maria Re-evaluated ${HEAD_SHA.slice(0, 7)} (churn): the modelgate comment and check runs are updated.`,
    ])
    // The run is stored for the head commit but never promoted by a rerun.
    expect((await registry().getAlias('churn', 'champion'))!.record.runId).toBe(champion)
  })

  test('rerun refuses when the job did not check out the PR head, saying what to check out', async () => {
    checkedOut = MAIN_SHA
    const { run } = await comment('/modelgate rerun', 'maria')
    expect(run.exitCode).toBe(0)
    expect(replies()[0]).toContain('must check out refs/pull/1/head')
    expect(standIn.state.checkRunsFor(repo, HEAD_SHA)).toEqual([])
  })

  test("promote makes the head's passing run champion; a failing run is refused naming its verdict", async () => {
    const champion = await pushToMain()
    await comment('/modelgate rerun', 'maria')
    const reg = registry()
    const runs = await reg.listRuns('churn')
    const headRun = runs.find((r) => r !== champion)!
    expect((await reg.readManifest('churn', headRun)).meta.comparedWith).toEqual({
      runId: champion,
      verdict: 'pass',
    })

    const { run } = await comment('/modelgate promote', 'maria')
    expect(run.exitCode).toBe(0)
    const alias = (await reg.getAlias('churn', 'champion'))!.record
    expect(alias.runId).toBe(headRun)
    expect(alias.history.at(-1)).toMatchObject({ by: 'maria via /modelgate promote', previous: champion })
    expect(replies().at(-1)).toContain(
      `| churn | ${headRun} | promoted: now the champion (was ${champion}) |`,
    )

    // A newer run of the head that failed its gate: refused, champion unchanged.
    await copyRunWithVerdict(reg, 'churn', headRun, '99990101T000000Z-fa11ed', {
      runId: headRun,
      verdict: 'fail',
    })
    await comment('/modelgate promote churn', 'maria')
    expect(replies().at(-1)).toContain(
      `| churn | 99990101T000000Z-fa11ed | not promoted: its gate verdict is fail (against ${headRun}) |`,
    )
    expect((await reg.getAlias('churn', 'champion'))!.record.runId).toBe(headRun)
  })

  test("explain replies with the head run's largest linear weights against the champion's", async () => {
    const champion = await pushToMain()
    await comment('/modelgate rerun', 'maria')
    const { run } = await comment('/modelgate explain churn', 'rita')
    expect(run.exitCode).toBe(0)
    const answer = replies().at(-1)!
    expect(answer).toContain(`against champion \`${champion}\``)
    expect(answer).toContain('| input | this run | champion | change |')
    // The data's true logit is 1.5·x1 − x2 + 0.8·[red]: x1 has the largest weight, positive; x2 negative.
    const rows = answer.split('\n').filter((l) => /^\| (x1|x2|color)/.test(l))
    expect(rows[0]).toMatch(/^\| x1 \| \+\d/)
    expect(rows.find((r) => r.startsWith('| x2 '))).toMatch(/^\| x2 \| [−-]\d/)
  })

  test('an unknown command is answered with the help, its text escaped so it can never be a link or a mention', async () => {
    const { run } = await comment('/modelgate deploy [click](https://evil.example) @everyone', 'rita')
    expect(run.exitCode).toBe(0)
    const answer = replies()[0]!
    expect(answer).toContain('I did not understand')
    const html = await marked.parse(answer, { gfm: true })
    expect(html).not.toMatch(/<a |href=/)
    expect(answer).not.toContain('@everyone') // a word joiner after the @: shown, never a mention
    expect(answer).toContain('\\[click\\]')
    expect(answer).toContain('**modelgate commands**')
  })

  test('a comment that only mentions or quotes a command is not one', async () => {
    const plain = await comment('Looks good; I ran `/modelgate rerun` locally\n> /modelgate promote', 'maria')
    expect(plain.run.log).toContain('nothing to do: the comment has no /modelgate command')
    expect(standIn.requests).toEqual([])
  })
})
