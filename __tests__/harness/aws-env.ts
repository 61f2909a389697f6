/** Static fake credentials the tests use; distinctive so tests can assert messages never contain them. */
export const TEST_ACCESS_KEY_ID = 'AKIAMODELGATETEST0001'
export const TEST_SECRET_ACCESS_KEY = 'modelgate-test-secret-9f3c1a77'

const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_DISABLED',
]

/**
 * Replace the AWS variables of this process with `values` (everything else in the list unset) and return a
 * function that puts the previous values back. With `values` omitted the process has no credentials at all:
 * no shared files and no instance metadata, so the default provider chain fails quickly.
 */
export function setAwsEnv(values?: Record<string, string>): () => void {
  const saved = new Map(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]))
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name]
  Object.assign(
    process.env,
    values ?? {
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/modelgate-test/credentials',
      AWS_CONFIG_FILE: '/nonexistent/modelgate-test/config',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
    },
  )
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

/** The environment the tests run the production client with: static fake credentials and a region. */
export function testCredentialsEnv(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
    AWS_REGION: 'us-east-1',
  }
}
