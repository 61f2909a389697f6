export const id = 2;
export const ids = [2];
export const modules = {

/***/ 7002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bucketNameProblem: () => (/* binding */ bucketNameProblem),
  openStore: () => (/* binding */ openStore),
  parseStoreUrl: () => (/* binding */ parseStoreUrl)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/store/fs-store.ts




const LOCK_WAIT_MS = 10_000;
function etagOf(body) {
    return (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
}
function isCode(error, code) {
    return typeof error === 'object' && error !== null && error.code === code;
}
/**
 * An ObjectStore in a local directory. Writes go to a temporary file first and are linked or renamed into
 * place, so a reader never sees half an object. Conditional writes on one key are serialised with a lock
 * file, which makes compare-and-swap safe between processes on the same machine.
 */
class FsObjectStore {
    root;
    location;
    constructor(root) {
        this.root = root;
        this.location = root;
    }
    file(key) {
        if (key.startsWith('/') || key.split('/').includes('..'))
            throw new Error(`invalid store key: ${key}`);
        return external_node_path_default().join(this.root, ...key.split('/'));
    }
    async get(key) {
        try {
            const body = new Uint8Array(await external_node_fs_.promises.readFile(this.file(key)));
            return { body, etag: etagOf(body) };
        }
        catch (error) {
            if (isCode(error, 'ENOENT'))
                return null;
            throw error;
        }
    }
    async put(key, body, condition) {
        const target = this.file(key);
        await external_node_fs_.promises.mkdir(external_node_path_default().dirname(target), { recursive: true });
        const tmp = `${target}.tmp-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        await external_node_fs_.promises.writeFile(tmp, body);
        try {
            if (condition && 'ifNoneMatch' in condition) {
                // link() fails when the target exists: an atomic create-only write.
                try {
                    await external_node_fs_.promises.link(tmp, target);
                }
                catch (error) {
                    if (isCode(error, 'EEXIST'))
                        throw new errors/* PreconditionFailedError */.k9(key);
                    throw error;
                }
            }
            else if (condition && 'ifMatch' in condition) {
                await this.withLock(target, async () => {
                    const current = await this.get(key);
                    if (!current || current.etag !== condition.ifMatch)
                        throw new errors/* PreconditionFailedError */.k9(key);
                    await external_node_fs_.promises.rename(tmp, target);
                });
            }
            else {
                await this.withLock(target, () => external_node_fs_.promises.rename(tmp, target));
            }
        }
        finally {
            await external_node_fs_.promises.rm(tmp, { force: true });
        }
        return { etag: etagOf(body) };
    }
    async list(prefix) {
        const keys = [];
        const walk = async (dir, rel) => {
            let entries;
            try {
                entries = await external_node_fs_.promises.readdir(dir, { withFileTypes: true });
            }
            catch (error) {
                if (isCode(error, 'ENOENT'))
                    return;
                throw error;
            }
            for (const entry of entries) {
                const key = rel ? `${rel}/${entry.name}` : entry.name;
                if (entry.isDirectory())
                    await walk(external_node_path_default().join(dir, entry.name), key);
                else if (!entry.name.includes('.tmp-') && !entry.name.endsWith('.lock'))
                    keys.push(key);
            }
        };
        // Walk only the directory the prefix names, then filter by the full prefix.
        const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
        await walk(dirPart ? this.file(dirPart) : this.root, dirPart);
        return keys.filter((k) => k.startsWith(prefix)).sort();
    }
    async withLock(target, work) {
        const lock = `${target}.lock`;
        const started = Date.now();
        for (let attempt = 0;; attempt++) {
            try {
                const handle = await external_node_fs_.promises.open(lock, 'wx');
                await handle.close();
                break;
            }
            catch (error) {
                if (!isCode(error, 'EEXIST'))
                    throw error;
                if (Date.now() - started > LOCK_WAIT_MS) {
                    throw new errors/* UserError */.yo(`store lock ${lock} is held for more than ${LOCK_WAIT_MS / 1000}s; if no modelgate process is running, delete it`);
                }
                await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2)));
            }
        }
        try {
            return await work();
        }
        finally {
            await external_node_fs_.promises.rm(lock, { force: true });
        }
    }
}

;// CONCATENATED MODULE: ./src/store/store-url.ts


/** Why a bucket name breaks S3's naming rules, or null when it is valid. */
function bucketNameProblem(name) {
    if (name.length < 3 || name.length > 63)
        return `must be 3 to 63 characters long (it has ${name.length})`;
    if (!/^[a-z0-9.-]+$/.test(name))
        return 'may contain only lowercase letters, digits, dots and hyphens';
    if (!/^[a-z0-9].*[a-z0-9]$/.test(name))
        return 'must begin and end with a letter or digit';
    if (name.includes('..'))
        return 'must not contain two adjacent dots';
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name))
        return 'must not look like an IP address';
    if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name))
        return 'must not start with xn--, sthree- or amzn-s3-demo-';
    if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name))
        return 'must not end with an S3-reserved suffix';
    return null;
}
function parseEndpoint(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* UserError */.yo(`--s3-endpoint "${value}" is not a URL; expected e.g. http://127.0.0.1:9000`);
    }
    // Checked first, and the value never echoed here: a URL with user:password@ would print the password.
    if (url.username || url.password) {
        throw new errors/* UserError */.yo('--s3-endpoint must not contain credentials (user:password@); use the AWS credential variables');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* UserError */.yo(`--s3-endpoint "${value}" must start with http:// or https://`);
    }
    return value;
}
/**
 * Parse a --store value: `s3://bucket[/prefix]` or a local directory. The S3 flags apply only to s3:// stores,
 * and only the flags given are passed on, so the SDK's environment (AWS_REGION, AWS_ENDPOINT_URL_S3, ...) keeps
 * deciding everything else.
 */
function parseStoreUrl(value, flags = {}) {
    const trimmed = value.trim();
    if (!trimmed)
        throw new errors/* UserError */.yo('--store is empty; expected s3://bucket/prefix or a directory like ./.modelgate');
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(trimmed)?.[1];
    if (!scheme) {
        const given = ['s3Endpoint', 's3Region', 's3ForcePathStyle'].filter((f) => flags[f] !== undefined);
        if (given.length > 0) {
            const names = given.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
            throw new errors/* UserError */.yo(`${names} only apply to s3:// stores, but --store "${trimmed}" is a local directory`);
        }
        return { kind: 'fs', dir: trimmed };
    }
    if (scheme !== 's3') {
        throw new errors/* UserError */.yo(`--store "${trimmed}": only s3:// URLs and local directories are supported, not ${scheme}://`);
    }
    const rest = trimmed.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    if (!bucket)
        throw new errors/* UserError */.yo(`--store "${trimmed}" names no bucket; expected s3://bucket/prefix`);
    const problem = bucketNameProblem(bucket);
    if (problem)
        throw new errors/* UserError */.yo(`--store "${trimmed}": bucket name "${bucket}" ${problem}`);
    const prefix = slash === -1 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
    if (prefix) {
        const segments = prefix.split('/');
        if (segments.some((s) => s === '' || s === '.' || s === '..')) {
            throw new errors/* UserError */.yo(`--store "${trimmed}": the prefix "${prefix}" has an empty, "." or ".." segment`);
        }
        if (/[\u0000-\u001f\\]/.test(prefix)) {
            throw new errors/* UserError */.yo(`--store "${trimmed}": the prefix "${prefix}" contains a control character or backslash`);
        }
    }
    const location = { kind: 's3', bucket, prefix };
    if (flags.s3Endpoint !== undefined)
        location.endpoint = parseEndpoint(flags.s3Endpoint);
    if (flags.s3Region !== undefined) {
        if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(flags.s3Region)) {
            throw new errors/* UserError */.yo(`--s3-region "${flags.s3Region}" is not a region name like eu-west-1`);
        }
        location.region = flags.s3Region;
    }
    if (flags.s3ForcePathStyle !== undefined)
        location.forcePathStyle = flags.s3ForcePathStyle;
    return location;
}
/**
 * The ObjectStore a parsed --store value names. The AWS SDK is loaded only when an S3 store is used: it is
 * most of the bundle, and a filesystem run should not pay for it at start-up.
 */
async function openStore(location) {
    if (location.kind === 'fs')
        return new FsObjectStore(location.dir);
    const { S3ObjectStore } = await Promise.all(/* import() */[__webpack_require__.e(358), __webpack_require__.e(496)]).then(__webpack_require__.bind(__webpack_require__, 4496));
    return new S3ObjectStore(location);
}


/***/ })

};
