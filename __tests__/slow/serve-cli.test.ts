import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from '../helpers/workspace.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Resolves with the first line of `stream` that matches; rejects if the stream ends first (the child died). */
function lineMatching(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    stream.once('end', () =>
      reject(new Error(`the stream ended without a line matching ${pattern}:\n${text}`)),
    )
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8')
      const line = text.split('\n').find((l) => pattern.test(l))
      if (line) {
        stream.off('data', onData)
        resolve(line)
      }
    }
    stream.on('data', onData)
  })
}

describe('modelgate serve as a process', () => {
  let child: ChildProcess | null = null
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
  })

  it('serves the champion from the CLI, and SIGTERM lets a request in flight complete before exiting 0', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 5) })
    expect((await runCli(root, ['run', '--promote'])).code).toBe(0)
    child = spawn(
      process.execPath,
      [
        '--import',
        path.join(ROOT, '__tests__/harness/ts-loader.mjs'),
        path.join(ROOT, 'src/cli-entry.ts'),
        'serve',
        '--alias',
        'champion',
        '--port',
        '0',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const exited = once(child, 'exit')
    const listening = JSON.parse(await lineMatching(child.stdout!, /"msg":"listening"/))
    expect(listening).toMatchObject({ models: ['toy'], alias: 'champion' })
    await lineMatching(child.stdout!, /"msg":"serving run"/)
    const url = new URL(listening.url as string)

    // A request whose headers the server has taken (it answers 100 Continue) but whose body is not sent yet:
    // in flight for certain when SIGTERM arrives.
    const body = JSON.stringify({ rows: [{ x1: 0.5, x2: -1, color: 'red' }] })
    const socket = net.connect(Number(url.port), url.hostname)
    let response = ''
    socket.on('data', (c: Buffer) => (response += c.toString('utf8')))
    socket.write(
      `POST /v1/models/toy/predict HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    )
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (response.includes('100 Continue')) {
          socket.off('data', check)
          resolve()
        }
      }
      socket.on('data', check)
    })
    const draining = lineMatching(child.stderr!, /SIGTERM: draining in-flight requests/)
    child.kill('SIGTERM')
    await draining
    socket.end(body)
    await once(socket, 'close')
    expect(response).toMatch(/HTTP\/1.1 200 OK/)
    const json = JSON.parse(response.slice(response.lastIndexOf('\r\n\r\n') + 4))
    expect(json.predictions).toHaveLength(1)
    expect(json.model).toBe('toy')
    const [code] = await exited
    expect(code).toBe(0)
  })
})
