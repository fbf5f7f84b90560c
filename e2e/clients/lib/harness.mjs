// Shared code of every script in e2e/clients/: argument parsing, the server key, event recording, shutdown, and the one
// JSON line each script prints on stdout. Everything else (client logs, diagnostics) goes to stderr. How each client is
// pointed at the server lives in lib/<client>-client.mjs (gramjs, mtcute, mtproto-core).
//
// Import this module FIRST: it moves console.log/info/warn/debug to stderr, because some clients (gramjs's Logger)
// log with console.log and stdout must carry exactly one JSON line.

import { createHash, createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { writeSync } from 'node:fs';

const stderrLine = (...args) => process.stderr.write(format(...args) + '\n');
const consoleWarnHooks = [];
console.log = stderrLine;
console.info = stderrLine;
console.debug = stderrLine;
console.warn = (...args) => {
    for (const hook of consoleWarnHooks) hook(format(...args));
    stderrLine(...args);
};

/** require() for the CommonJS clients, resolved from e2e/ (where node_modules lives). */
export const require = createRequire(new URL('../../package.json', import.meta.url));

/** Calls fn with each console.warn line (clients such as @mtproto/core warn there about broken messages). */
export function onConsoleWarn(fn) {
    consoleWarnHooks.push(fn);
}

const USAGE = "usage: node clients/<client>-connect.mjs --host H --port P --key '<json from portrait key --json>' " +
    '[--seconds N] [--dc 2] [--timeout S] [--framing F] [--verbose]';

/**
 * --host, --port, --key (JSON: {"fingerprint": "<signed decimal>", "n": "<hex>", "e": 65537}), --seconds (how long to
 * stay connected after the config arrived, default 0), --dc (the DC id the client believes the server is, default 2),
 * --timeout (force exit after this many seconds, default seconds + 90), --framing (the client's transport, one of the
 * FRAMINGS its lib/*-client.mjs module offers; default the client's own), --verbose (every client log line to stderr).
 */
export function parseArgs(argv = process.argv.slice(2)) {
    const o = { seconds: 0, dc: 2, verbose: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new Error(`${a} needs a value\n${USAGE}`);
            return argv[++i];
        };
        switch (a) {
            case '--host': o.host = value(); break;
            case '--port': o.port = Number(value()); break;
            case '--key': o.keyJson = value(); break;
            case '--seconds': o.seconds = Number(value()); break;
            case '--dc': o.dc = Number(value()); break;
            case '--timeout': o.timeout = Number(value()); break;
            case '--framing': o.framing = value(); break;
            case '--verbose': o.verbose = true; break;
            case '--help': case '-h': stderrLine(USAGE); process.exit(2); break;
            default: throw new Error(`unknown argument ${a}\n${USAGE}`);
        }
    }
    if (!o.host || !Number.isInteger(o.port) || o.port <= 0 || o.port > 65535 || !o.keyJson)
        throw new Error(`--host, --port and --key are required\n${USAGE}`);
    if (!(o.seconds >= 0)) throw new Error('--seconds must be >= 0');
    if (!Number.isInteger(o.dc) || o.dc <= 0) throw new Error('--dc must be a positive integer');
    if (o.timeout === undefined) o.timeout = o.seconds + 90;
    o.key = parseKey(o.keyJson);
    return o;
}

/** TL `bytes` serialization (length prefix, data, zero padding to 4). */
export function tlBytes(data) {
    const head = data.length < 254
        ? Buffer.from([data.length])
        : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
    const len = head.length + data.length;
    return Buffer.concat([head, data, Buffer.alloc((4 - (len % 4)) % 4)]);
}

/** Big-endian unsigned bytes of a non-negative BigInt, no leading zero byte. */
export function bigintToBytes(v) {
    let hex = v.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    return Buffer.from(hex, 'hex');
}

/**
 * The key JSON of `portrait key --json`, checked: the fingerprint is recomputed from n and e the way every client does
 * (SHA-1 of TL bytes(n) + TL bytes(e), bytes 12..20 as a little-endian int64).
 */
export function parseKey(json) {
    const k = typeof json === 'string' ? JSON.parse(json) : json;
    if (typeof k.fingerprint !== 'string' || typeof k.n !== 'string' || k.e === undefined)
        throw new Error(`key JSON must be {"fingerprint": "<signed decimal>", "n": "<hex>", "e": 65537}, got ${JSON.stringify(k)}`);
    const n = BigInt('0x' + k.n.replace(/^0x/i, ''));
    const e = Number(k.e);
    const nBytes = bigintToBytes(n);
    const eBytes = bigintToBytes(BigInt(e));
    const sha = createHash('sha1').update(Buffer.concat([tlBytes(nBytes), tlBytes(eBytes)])).digest();
    const fpBytes = sha.subarray(12, 20); // little-endian int64
    const computed = fpBytes.readBigInt64LE(0);
    const given = BigInt(k.fingerprint);
    if (computed !== given)
        throw new Error(`key fingerprint ${k.fingerprint} does not match n/e (computed ${computed})`);
    const unsigned = BigInt.asUintN(64, computed);
    return {
        fingerprint: given,                                // signed BigInt
        fingerprintSigned: given.toString(),               // gramjs's Map key
        fingerprintUnsigned: unsigned.toString(),          // @mtproto/core's decimal form
        fingerprintHexPadded: Buffer.from(fpBytes).reverse().toString('hex'), // mtcute / @mtproto/core table key
        fingerprintHexUnpadded: unsigned.toString(16),     // what mtcute / @mtproto/core look the fingerprint up by
        n, e, nHex: n.toString(16), nBytes, eBytes,
    };
}

/** The key as a PKCS#1 PEM ("BEGIN RSA PUBLIC KEY"), the form mtcute's addPublicKey takes. */
export function keyToPkcs1Pem(key) {
    const b64url = (buf) => buf.toString('base64url');
    return createPublicKey({ key: { kty: 'RSA', n: b64url(key.nBytes), e: b64url(key.eBytes) }, format: 'jwk' })
        .export({ type: 'pkcs1', format: 'pem' }).toString();
}

/**
 * mtcute and @mtproto/core look resPQ fingerprints up by `unsigned.toString(16)` (no leading zeros) in a table keyed
 * by the 16-digit zero-padded hex, so they cannot use a key whose fingerprint's top nibble is 0 (1 key in 16).
 */
export function fingerprintLookupWarning(key) {
    if (key.fingerprintHexPadded === key.fingerprintHexUnpadded) return null;
    return `server key fingerprint ${key.fingerprintSigned} = 0x${key.fingerprintHexPadded} starts with a zero nibble: ` +
        `mtcute and @mtproto/core look it up as "${key.fingerprintHexUnpadded}" in a table keyed by ` +
        `"${key.fingerprintHexPadded}" and will not find it (client quirk; the server should avoid such keys)`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after ms with "<label> timed out after ...". */
export function withTimeout(promise, ms, label) {
    let t;
    return Promise.race([
        promise,
        new Promise((_, reject) => {
            t = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms`)), ms);
        }),
    ]).finally(() => clearTimeout(t));
}

export function errorText(e) {
    if (e === undefined || e === null) return String(e);
    if (e instanceof Error) return `${e.constructor?.name ?? 'Error'}: ${e.message}`;
    if (typeof e === 'object') {
        try {
            return JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
        } catch {
            return String(e);
        }
    }
    return String(e);
}

/** A command-line mistake found after parsing (a client without the --framing asked for): the message, exit 2. */
export function usageError(message) {
    stderrLine(message);
    process.exit(2);
}

/** Parses the command line (exit 2 when it is wrong) and returns the run's Recorder; its options are rec.opts. */
export function startRecorder(client) {
    let opts;
    try {
        opts = parseArgs();
    } catch (e) {
        stderrLine(e.message);
        process.exit(2);
    }
    return new Recorder(client, opts);
}

/**
 * What one run observed: errors (anything that means the server misbehaved or the connection broke), warnings
 * (worth reading, not failures), counters, and the final report.
 */
export class Recorder {
    constructor(client, opts) {
        this.client = client;
        this.opts = opts;
        this.started = Date.now();
        this.errors = [];
        this.warnings = [];
        this.counters = { connects: 0, reconnects: 0, handshakes: 0, pongs: 0, badServerSalts: 0, closes: 0 };
        this.shuttingDown = false;
        this.finished = false;
        this.result = {};
        this.sockets = []; // every TCP connection the clients opened: {localPort, at, phase} (socketOpened)
        this.socketListeners = []; // called with each entry of this.sockets as it is recorded (onSocketOpened)
        this.phase = null; // what the script is doing (the step running), recorded with each socket
        this.events = []; // the last client log lines, printed to stderr on failure
    }

    /**
     * The start of a multi-account script's result: the client's layer and version, the phones (--phones) and an
     * empty `accounts` object, which it returns for the script to fill.
     */
    beginAccounts(layer, version) {
        this.result.layer = layer;
        this.result.version = version;
        this.result.phones = this.phones;
        this.result.accounts = {};
        return this.result.accounts;
    }

    log(line) {
        this.events.push(`${((Date.now() - this.started) / 1000).toFixed(3)}s ${line}`);
        if (this.events.length > 200) this.events.shift();
        if (this.opts?.verbose) stderrLine(`[${this.client}] ${line}`);
    }

    error(msg) {
        this.#note(this.errors, 'ERROR', 'errorsNotListed', msg);
    }

    warn(msg) {
        this.#note(this.warnings, 'WARN', 'warningsNotListed', msg);
    }

    /** Lists msg (with the time) in list and on stderr; past 40 entries only counts it in counters[overflow]. */
    #note(list, tag, overflow, msg) {
        const text = `${((Date.now() - this.started) / 1000).toFixed(1)}s ${msg}`;
        if (list.length < 40) {
            list.push(text);
            stderrLine(`[${this.client}] ${tag} ${text}`);
        } else {
            this.count(overflow);
        }
    }

    /**
     * A client opened a TCP connection from localPort (the client modules call it, with the client's label when they
     * know it): recorded in this.sockets with the time and the phase, so a test behind a proxy can tell which
     * connection was whose.
     */
    socketOpened(localPort, client = null) {
        const at = Math.round((Date.now() - this.started) / 100) / 10;
        const entry = { localPort: localPort ?? null, at, phase: this.phase, ...(client === null ? {} : { client }) };
        this.sockets.push(entry);
        for (const fn of this.socketListeners) fn(entry);
    }

    /** Calls fn with each connection socketOpened records from now on. */
    onSocketOpened(fn) {
        this.socketListeners.push(fn);
    }

    count(name, by = 1) {
        this.counters[name] = (this.counters[name] ?? 0) + by;
    }

    /**
     * Records unhandled rejections / exceptions (clients that throw inside event handlers) as errors, unless
     * handled(e) returns true.
     */
    catchUnhandled(handled = () => false) {
        process.on('unhandledRejection', (e) => {
            if (!handled(e)) this.error(`unhandled rejection: ${errorText(e)}${e?.stack ? '\n' + e.stack : ''}`);
        });
        process.on('uncaughtException', (e) => {
            if (!handled(e)) this.error(`uncaught exception: ${errorText(e)}${e?.stack ? '\n' + e.stack : ''}`);
        });
    }

    /** Runs the script's main(); anything it throws is an error and ends the run with ok:false. */
    run(main) {
        main().catch((e) => {
            this.error(`${errorText(e)}${e?.stack ? '\n' + e.stack : ''}`);
            this.finish(false);
        });
    }

    /** Shuts the client down (close() bounded by 10 s; a failure there is only a warning), then finishes ok. */
    async closeAndFinish(close, label) {
        this.shuttingDown = true;
        try {
            await withTimeout(close(), 10_000, label);
        } catch (e) {
            this.warn(`${label}: ${errorText(e)}`);
        }
        this.finish(true);
    }

    /**
     * Shuts several clients down one after the other (each close(item) bounded by 10 s, reported as `label`; a failure
     * there is only a warning "<warnLabel>: ..."), then finishes ok.
     */
    async closeAllAndFinish(items, close, label, warnLabel) {
        this.shuttingDown = true;
        for (const item of items) {
            try {
                await withTimeout(close(item), 10_000, label);
            } catch (e) {
                this.warn(`${warnLabel}: ${errorText(e)}`);
            }
        }
        this.finish(true);
    }

    /** Ends the run with ok:false (the error "<name> is required") unless the script's own option was given. */
    requireOption(name, value) {
        if (value) return;
        this.error(`${name} is required`);
        this.finish(false);
    }

    /** Force-exits with ok:false after opts.timeout seconds, whatever the client is doing. */
    armTimeout() {
        const ms = this.opts.timeout * 1000;
        setTimeout(() => {
            this.error(`script timed out after ${this.opts.timeout} s (force exit)`);
            this.finish(false);
        }, ms);
    }

    /**
     * Prints the one JSON line and exits (0 when ok). Merges this.result (layer, thisDc, dcOptions, ...) in.
     * ok = the caller's verdict AND no errors AND no reconnects.
     */
    finish(ok) {
        if (this.finished) return;
        this.finished = true;
        if (this.beforeFinish) {
            try {
                this.beforeFinish();
            } catch (e) {
                this.error(`beforeFinish: ${errorText(e)}`);
            }
        }
        const verdict = Boolean(ok) && this.errors.length === 0 && this.counters.reconnects === 0;
        const out = {
            ok: verdict,
            client: this.client,
            layer: this.result.layer ?? null,
            thisDc: this.result.thisDc ?? null,
            dcOptions: this.result.dcOptions ?? [],
            reconnects: this.counters.reconnects,
            errors: this.errors,
            seconds: Math.round((Date.now() - this.started) / 100) / 10,
            ...this.result,
            counters: this.counters,
            warnings: this.warnings,
        };
        out.ok = verdict;
        if (!verdict) {
            stderrLine(`[${this.client}] FAILED; last client events:`);
            for (const e of this.events.slice(-80)) stderrLine(`  ${e}`);
        }
        writeSync(1, JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
        process.exit(verdict ? 0 : 1);
    }
}

/** dc_options as [{id, ip, port}] from whatever field names the client uses. */
export function dcOptionsOf(list) {
    return (list ?? []).map((o) => ({
        id: o.id,
        ip: o.ipAddress ?? o.ip_address,
        port: o.port,
        ...(o.ipv6 ? { ipv6: true } : {}),
        ...(o.mediaOnly || o.media_only ? { mediaOnly: true } : {}),
        ...(o.tcpoOnly || o.tcpo_only ? { tcpoOnly: true } : {}),
        ...(o.cdn ? { cdn: true } : {}),
    }));
}

export { stderrLine };

/**
 * Removes "--name value" from the command line (parseArgs accepts only the common options) and returns value, or
 * undefined when the option is not there. For scripts with an option or two of their own, before startRecorder.
 */
export function takeOption(name) {
    const i = process.argv.indexOf(name);
    if (i < 0) return undefined;
    const value = process.argv[i + 1];
    process.argv.splice(i, 2);
    return value;
}

/**
 * startRecorder for scripts with options of their own: each name in `extra` ('--phones', ...) is taken out of the
 * command line with its value before the common options are parsed; the values land in rec.extra (keyed without the
 * dashes). A missing value, or a required option (`required`) that was not given, is a usage error (exit 2).
 */
export function startRecorderWith(client, extra, required = []) {
    const argv = process.argv.slice(2);
    const rest = [];
    const values = {};
    let opts;
    try {
        for (let i = 0; i < argv.length; i++) {
            if (extra.includes(argv[i])) {
                if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
                values[argv[i].replace(/^--/, '')] = argv[++i];
            } else {
                rest.push(argv[i]);
            }
        }
        for (const name of required) {
            if (values[name.replace(/^--/, '')] === undefined) throw new Error(`${name} is required`);
        }
        opts = parseArgs(rest);
    } catch (e) {
        stderrLine(`${e.message}\nscript options: ${extra.join(' ')}`);
        process.exit(2);
    }
    const rec = new Recorder(client, opts);
    rec.extra = values;
    return rec;
}
