export const id = 932;
export const ids = [932,496];
export const modules = {

/***/ 26932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dataClient: () => (/* binding */ dataClient),
/* harmony export */   downloadDataObject: () => (/* binding */ downloadDataObject)
/* harmony export */ });
/* unused harmony export parseDataUrl */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(53711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _s3_store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54496);






/** `s3://bucket/key` split, or a UserError naming the value. */
function parseDataUrl(url) {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
    if (!match || match[2].endsWith('/'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${url}: a data location must be s3://bucket/key naming one object`);
    return { bucket: match[1], key: match[2] };
}
/**
 * The client data objects are read with: the store's own when the store is on S3 (its endpoint, region,
 * path style and credentials), else one with the SDK's default chain (AWS_* variables, profiles, OIDC roles).
 */
function dataClient(store, env) {
    if (store instanceof _s3_store_js__WEBPACK_IMPORTED_MODULE_4__.S3ObjectStore)
        return store.client;
    return new _s3_store_js__WEBPACK_IMPORTED_MODULE_4__.S3ObjectStore({ bucket: 'modelgate-data', prefix: '', ...(env && { env }) }).client;
}
function megabytes(bytes) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
function s3Message(url, error) {
    const e = error;
    const status = e.$metadata?.httpStatusCode;
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || status === 404)
        return `${url}: no such object`;
    if (status === 403 || e.name === 'AccessDenied')
        return `${url}: access denied (the credentials cannot read this object)`;
    return `${url}: cannot read the data object (${e.name ?? 'error'}${status ? `, HTTP ${status}` : ''})`;
}
/**
 * Stream one data object to `dest`, hashing as it arrives. The object's size (HEAD) is checked against
 * `maxBytes` before any of it is read, and the bytes are counted while streaming as well (a size that lied
 * stops the download at the limit). Returns the sha256 of the bytes written.
 */
async function downloadDataObject(client, url, dest, maxBytes, limitName) {
    const { bucket, key } = parseDataUrl(url);
    const tooLarge = (size) => new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${url}: ${megabytes(size)} is larger than the limit of ${megabytes(maxBytes)} for a data file (${limitName} raises it)`);
    let size;
    try {
        size = (await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(s3Message(url, error));
    }
    if (size !== undefined && size > maxBytes)
        throw tooLarge(size);
    let body;
    try {
        body = (await client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.GetObjectCommand({ Bucket: bucket, Key: key }))).Body;
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(s3Message(url, error));
    }
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let bytes = 0;
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)(body, async function* (source) {
            for await (const chunk of source) {
                bytes += chunk.length;
                if (bytes > maxBytes)
                    throw tooLarge(bytes);
                hash.update(chunk);
                yield chunk;
            }
        }, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(dest));
    }
    catch (error) {
        await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.rm(dest, { force: true });
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(s3Message(url, error));
    }
    return { sha256: hash.digest('hex'), bytes };
}


/***/ }),

/***/ 54496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3ObjectStore: () => (/* binding */ S3ObjectStore)
});

// UNUSED EXPORTS: DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_PART_SIZE, DEFAULT_REQUEST_TIMEOUT_MS, UPLOAD_CONCURRENCY

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(53711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-storage/dist-cjs/index.js
var lib_storage_dist_cjs = __webpack_require__(22358);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/store/s3-errors.ts

const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
    'EAI_AGAIN',
    'TimeoutError',
    'RequestTimeout',
]);
function field(error, name) {
    return typeof error === 'object' && error !== null ? error[name] : undefined;
}
/** The S3 error code ("NoSuchKey"), or a Node system error code ("ECONNREFUSED"), or ''. */
function s3ErrorCode(error) {
    for (const name of ['Code', 'code', 'name']) {
        const value = field(error, name);
        if (typeof value === 'string' && value && value !== 'Error' && value !== 'S3ServiceException')
            return value;
    }
    // The SDK's retry layer re-wraps errors that fail its `instanceof Error` check (an error from another realm,
    // e.g. under a vm sandbox) as "AWS SDK error wrapper for Error: connect ECONNREFUSED ...", dropping `code`.
    const message = field(error, 'message');
    const wrapped = typeof message === 'string' ? /^AWS SDK error wrapper for .*?\b(E[A-Z_]{4,})\b/.exec(message) : null;
    return wrapped?.[1] ?? '';
}
function httpStatusOf(error) {
    return field(error, '$metadata')?.httpStatusCode;
}
/** The region S3 says the bucket lives in, when a redirect or a malformed-authorization answer names it. */
function bucketRegionOf(error) {
    const fromHeader = field(error, '$response')?.headers?.['x-amz-bucket-region'];
    const candidate = fromHeader ?? field(error, 'Region');
    return typeof candidate === 'string' && /^[a-z0-9-]{2,40}$/.test(candidate) ? candidate : undefined;
}
/** An endpoint URL printed in a message: any user:password@ part is removed. */
function safeEndpoint(endpoint) {
    try {
        const url = new URL(endpoint);
        url.username = '';
        url.password = '';
        return url.toString().replace(/\/$/, '');
    }
    catch {
        return '(unparseable endpoint)';
    }
}
/**
 * Belt and braces: whatever text ends up in a message, the values of the credential variables never do
 * (an SDK message could in principle echo a header).
 */
function redactCredentials(text, env = {}) {
    let out = text;
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID']) {
        const value = env[name];
        if (value && value.length >= 8)
            out = out.split(value).join('***');
    }
    return out;
}
/** True when the failure means "the condition of a conditional write did not hold". */
function isPreconditionFailure(error, condition) {
    const code = s3ErrorCode(error);
    if (code === 'PreconditionFailed' || httpStatusOf(error) === 412)
        return true;
    // S3 answers 409 when another write to the key raced this conditional one; the caller re-reads and retries.
    if (code === 'ConditionalRequestConflict')
        return true;
    // If-Match on a key that does not exist: S3 documents 404 NoSuchKey; for the store contract that is a failed CAS.
    return condition === 'ifMatch' && code === 'NoSuchKey';
}
/**
 * Turn an S3 SDK failure into one line naming the bucket and key and what to do. User-fixable causes (no
 * bucket, no permission, wrong region or endpoint, no network, no credentials) become UserError; anything
 * else an Error with the S3 code and HTTP status. Conditional-write failures become PreconditionFailedError.
 */
function mapS3Error(error, ctx, condition) {
    if (error instanceof errors/* UserError */.yo || error instanceof errors/* PreconditionFailedError */.k9)
        return error;
    if (condition && isPreconditionFailure(error, condition))
        return new errors/* PreconditionFailedError */.k9(ctx.storeKey);
    const code = s3ErrorCode(error);
    const status = httpStatusOf(error);
    const where = `s3://${ctx.bucket}/${ctx.key}`;
    const doing = { write: 'writing', list: 'listing', read: 'reading', delete: 'deleting' }[ctx.operation];
    const redact = (text) => redactCredentials(text, ctx.env);
    const endpoint = ctx.endpoint ? safeEndpoint(ctx.endpoint) : 'the default AWS S3 endpoint';
    const user = (text) => new errors/* UserError */.yo(redact(text), { cause: error });
    if (code === 'CredentialsProviderError') {
        return user(`no AWS credentials found while ${doing} ${where} (bucket "${ctx.bucket}", key "${ctx.key}"): set ` +
            `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or use aws-actions/configure-aws-credentials`);
    }
    if (code === 'NoSuchBucket') {
        return user(`S3 bucket "${ctx.bucket}" does not exist (${doing} key "${ctx.key}" at ${endpoint}): create it or fix --store`);
    }
    if (code === 'AccessDenied' ||
        code === 'InvalidAccessKeyId' ||
        code === 'SignatureDoesNotMatch' ||
        status === 403) {
        const permission = {
            write: 's3:PutObject',
            list: 's3:ListBucket',
            read: 's3:GetObject',
            delete: 's3:DeleteObject',
        }[ctx.operation];
        return new errors/* AccessDeniedError */.Uk(redact(`access denied ${doing} ${where} (bucket "${ctx.bucket}", key "${ctx.key}", ${code || 'HTTP 403'}): ` +
            `this was a ${ctx.operation === 'write' || ctx.operation === 'delete' ? 'write' : 'read'}, the credentials need ${permission}; ` +
            `pull requests from forks get read-only or no credentials, so they cannot write the store`), { cause: error });
    }
    const redirect = code === 'PermanentRedirect' ||
        code === 'AuthorizationHeaderMalformed' ||
        code === 'IllegalLocationConstraintException';
    if (redirect || status === 301 || status === 307) {
        const region = bucketRegionOf(error);
        const hint = region
            ? `the bucket is in region ${region}: pass --s3-region ${region}`
            : 'check --s3-region / AWS_REGION';
        return user(`S3 bucket "${ctx.bucket}" is not served at ${endpoint} in this region (${code || `HTTP ${status}`}) while ` +
            `${doing} key "${ctx.key}": ${hint}`);
    }
    if (code === 'ENOTFOUND') {
        return user(`cannot resolve the S3 endpoint host (ENOTFOUND, ${endpoint}) while ${doing} ${where}: check ` +
            `--s3-endpoint / AWS_ENDPOINT_URL_S3 and --s3-region`);
    }
    if (NETWORK_CODES.has(code)) {
        const attempts = field(error, '$metadata')?.attempts;
        return user(`S3 endpoint ${endpoint} is unreachable (${code}${attempts ? ` after ${attempts} attempts` : ''}) while ` +
            `${doing} ${where}: check the network and --s3-endpoint / AWS_ENDPOINT_URL_S3`);
    }
    const message = field(error, 'message');
    if (typeof message === 'string' && /region is missing/i.test(message)) {
        return user(`no AWS region configured for bucket "${ctx.bucket}" (${doing} key "${ctx.key}"): set AWS_REGION or pass --s3-region`);
    }
    const detail = typeof message === 'string' && message ? `: ${message}` : '';
    return new Error(redact(`S3 ${doing} ${where} failed (${code || 'unknown error'}${status ? `, HTTP ${status}` : ''})${detail}`), { cause: error });
}

;// CONCATENATED MODULE: ./src/store/s3-store.ts




/**
 * 8 MiB parts, the AWS CLI's default: 10,000 parts still allow 78 GiB objects, and every request body stays
 * under the ~10 MiB request limits of common S3 emulators (fauxqs rejects bodies above 11 MiB), so the same
 * settings work against AWS and in tests. Bodies up to one part go in a single PutObject.
 */
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** Parts in flight at once for a multipart upload. */
const UPLOAD_CONCURRENCY = 4;
const MAX_PARTS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** The client's settings: only what the user gave, plus bounded timeouts and retries. */
function clientConfig(options, env) {
    const config = {
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        requestHandler: {
            connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
            requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
            // Without it the SDK only logs a warning when the timeout passes, and keeps waiting.
            throwOnRequestTimeout: true,
        },
    };
    if (options.endpoint !== undefined)
        config.endpoint = options.endpoint;
    const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (region !== undefined)
        config.region = region;
    if (options.forcePathStyle !== undefined)
        config.forcePathStyle = options.forcePathStyle;
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
    if (accessKeyId && secretAccessKey) {
        const sessionToken = env.AWS_SESSION_TOKEN;
        config.credentials = { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) };
    }
    return config;
}
/**
 * ObjectStore over S3 (or anything speaking its API). The client keeps the SDK defaults, including request
 * checksums and the default credential provider chain; only flags the user gave are set, so the SDK's
 * environment variables and profiles keep working.
 *
 * Conditional writes use S3's own conditional requests: create-only is `If-None-Match: *` and compare-and-swap
 * is `If-Match: <etag>`. For multipart uploads lib-storage's Upload copies its params into every command it
 * sends; the SDK serialises IfNoneMatch/IfMatch only for PutObject and CompleteMultipartUpload (not for
 * CreateMultipartUpload or UploadPart), which is where S3 evaluates them, so create-only and CAS hold for large
 * objects too. A failed complete is aborted by Upload, leaving no orphaned parts.
 */
class S3ObjectStore {
    location;
    client;
    bucket;
    prefix;
    endpoint;
    partSize;
    env;
    constructor(options) {
        this.env = options.env ?? {};
        this.bucket = options.bucket;
        const trimmed = options.prefix.replace(/^\/+|\/+$/g, '');
        this.prefix = trimmed ? `${trimmed}/` : '';
        this.location = `s3://${this.bucket}${trimmed ? `/${trimmed}` : ''}`;
        this.endpoint = options.endpoint;
        this.partSize = options.partSize ?? DEFAULT_PART_SIZE;
        if (this.partSize < 5 * 1024 * 1024)
            throw new Error(`S3 part size ${this.partSize} is below the 5 MiB minimum`);
        this.client = new dist_cjs.S3Client(clientConfig(options, this.env));
    }
    fullKey(key) {
        if (!key || key.startsWith('/') || key.split('/').includes('..'))
            throw new Error(`invalid store key: ${key}`);
        return this.prefix + key;
    }
    fail(error, operation, key, storeKey, condition) {
        const ctx = {
            operation,
            bucket: this.bucket,
            key,
            storeKey,
            env: this.env,
            ...(this.endpoint && { endpoint: this.endpoint }),
        };
        return mapS3Error(error, ctx, condition);
    }
    get(key) {
        return this.read(key);
    }
    getIfChanged(key, etag) {
        return this.read(key, etag);
    }
    async read(key, ifNoneMatch) {
        const fullKey = this.fullKey(key);
        try {
            const response = await this.client.send(new dist_cjs.GetObjectCommand({ Bucket: this.bucket, Key: fullKey, IfNoneMatch: ifNoneMatch }));
            if (!response.Body)
                throw new Error(`S3 returned no body for s3://${this.bucket}/${fullKey}`);
            const body = await response.Body.transformToByteArray();
            if (!response.ETag)
                throw new Error(`S3 returned no ETag for s3://${this.bucket}/${fullKey}`);
            return { body, etag: response.ETag };
        }
        catch (error) {
            // Only a missing key is "absent"; a missing bucket or a foreign 404 page must not read as "no champion".
            const code = s3ErrorCode(error);
            if (code === 'NoSuchKey' || code === 'NotFound')
                return null;
            if (ifNoneMatch !== undefined && (httpStatusOf(error) === 304 || code === 'NotModified'))
                return 'unchanged';
            throw this.fail(error, 'read', fullKey, key);
        }
    }
    async put(key, body, condition) {
        const fullKey = this.fullKey(key);
        const params = {
            Bucket: this.bucket,
            Key: fullKey,
            Body: body,
            ContentType: 'application/octet-stream',
        };
        let conditionKind;
        if (condition && 'ifNoneMatch' in condition) {
            params.IfNoneMatch = '*';
            conditionKind = 'ifNoneMatch';
        }
        else if (condition && 'ifMatch' in condition) {
            params.IfMatch = condition.ifMatch;
            conditionKind = 'ifMatch';
        }
        try {
            // Parts must grow for huge bodies to stay within S3's 10,000-part limit.
            const partSize = Math.max(this.partSize, Math.ceil(body.byteLength / MAX_PARTS));
            let etag;
            if (body.byteLength <= partSize) {
                etag = (await this.client.send(new dist_cjs.PutObjectCommand(params))).ETag;
            }
            else {
                const upload = new lib_storage_dist_cjs/* Upload */._({ client: this.client, params, partSize, queueSize: UPLOAD_CONCURRENCY });
                etag = (await upload.done()).ETag;
            }
            if (!etag)
                throw new Error(`S3 returned no ETag after writing s3://${this.bucket}/${fullKey}`);
            return { etag };
        }
        catch (error) {
            throw this.fail(error, 'write', fullKey, key, conditionKind);
        }
    }
    async delete(key) {
        const fullKey = this.fullKey(key);
        try {
            await this.client.send(new dist_cjs.DeleteObjectCommand({ Bucket: this.bucket, Key: fullKey }));
        }
        catch (error) {
            if (s3ErrorCode(error) === 'NoSuchKey')
                return;
            throw this.fail(error, 'delete', fullKey, key);
        }
    }
    /** A presigned GetObject URL (signature version 4: at most 7 days), signed locally; no request is made. */
    async signedUrl(key, expiresInSeconds) {
        const { getSignedUrl } = await __webpack_require__.e(/* import() */ 505).then(__webpack_require__.t.bind(__webpack_require__, 18505, 19));
        return getSignedUrl(this.client, new dist_cjs.GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }), {
            expiresIn: expiresInSeconds,
        });
    }
    async list(prefix) {
        const fullPrefix = this.prefix + prefix;
        const keys = [];
        let token;
        try {
            do {
                const page = await this.client.send(new dist_cjs.ListObjectsV2Command({ Bucket: this.bucket, Prefix: fullPrefix, ContinuationToken: token }));
                for (const item of page.Contents ?? [])
                    if (item.Key)
                        keys.push(item.Key.slice(this.prefix.length));
                token = page.IsTruncated ? page.NextContinuationToken : undefined;
                if (page.IsTruncated && !token)
                    throw new Error(`S3 listing of ${fullPrefix} is truncated without a token`);
            } while (token);
        }
        catch (error) {
            throw this.fail(error, 'list', fullPrefix, prefix);
        }
        return keys.sort();
    }
    /**
     * Whether the default provider chain finds any credentials, without touching the bucket, so a caller can
     * say "no AWS credentials: comparing without storing" instead of failing later. Other provider failures
     * (an expired SSO session, a broken profile) are real errors and are thrown as one line.
     */
    async probeCredentials() {
        try {
            const credentials = await this.client.config.credentials();
            return credentials.accessKeyId ? 'present' : 'absent';
        }
        catch (error) {
            if (s3ErrorCode(error) === 'CredentialsProviderError')
                return 'absent';
            throw new errors/* UserError */.yo(`could not load AWS credentials for ${this.location}: ${s3ErrorCode(error) || 'unknown error'}`, {
                cause: error,
            });
        }
    }
}


/***/ })

};
