import { neutraliseWorkflowCommands, redactSecrets } from '../src/util/redact.js'

describe('redactSecrets', () => {
  test('URL userinfo, also when the password holds "/" and "+" as AWS secret keys do', () => {
    expect(redactSecrets('store s3://AKIAXXXXXXXXXXXXXXXX:ab/c+d@bucket/p failed')).toBe(
      'store s3://***@bucket/p failed',
    )
    expect(redactSecrets('git https://x-access-token:ghs_abc@github.com/o/r')).toBe(
      'git https://***@github.com/o/r',
    )
    expect(redactSecrets('https://user@host/x')).toBe('https://***@host/x')
  })

  test('authorization values, GitHub tokens and AWS key ids wherever they appear', () => {
    expect(redactSecrets('{"authorization":"token ghs_secret_value_1"}')).toBe(
      '{"authorization":"token ***"}',
    )
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz')).toBe(
      'Authorization: Bearer ***',
    )
    expect(redactSecrets('used github_pat_11ABCDEFG0123456789 and ghp_0123456789abcdef')).toBe(
      'used *** and ***',
    )
    expect(redactSecrets('key ASIAABCDEFGHIJKLMNOP expired')).toBe('key *** expired')
  })

  test('leaves ordinary text alone', () => {
    const text =
      'models/churn/data.csv: row 3 (line 4), column "x": "abc" is not a number; see https://github.com/acme/app'
    expect(redactSecrets(text)).toBe(text)
  })
})

describe('neutraliseWorkflowCommands', () => {
  test('a forged command on any line no longer starts with "::"', () => {
    const out = neutraliseWorkflowCommands('value\n::add-mask::x\n  ::error::forged')
    expect(out.split('\n').some((l) => l.trimStart().startsWith('::'))).toBe(false)
    expect(out.replace(/\u2060/g, '')).toBe('value\n::add-mask::x\n  ::error::forged')
  })
})
