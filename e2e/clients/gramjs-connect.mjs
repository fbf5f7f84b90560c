// gramjs (npm `telegram` 2.26.22, layer 198) against a Portrait server: fresh auth key, invokeWithLayer(initConnection
// (help.getConfig)) as client.connect() does it, then help.getConfig again through client.invoke, then stays connected
// for --seconds (gramjs pings every 9 s with ping_delay_disconnect) and reports reconnects and transport errors.
//
//   node clients/gramjs-connect.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" --seconds 30
//
// Prints one JSON line on stdout (see lib/harness.mjs); logs go to stderr.
//
// How the unmodified client is pointed at the server, at runtime only:
// - RSA key: the exported Map `_serverKeys` of telegram/crypto/RSA.js (read at handshake time), cleared and given the
//   server's key, keyed by the signed decimal fingerprint, value {n: bigInt, e}.
// - Address: gramjs connects the main sender to the session's IP on port 80 whatever the session's port, so the socket
//   class (the documented `networkSocket` option) is a PromisedNetSockets whose connect() goes to --host:--port.
// - Events: a Logger subclass (the documented `baseLogger` option) at debug level sees every line gramjs logs
//   (reconnects, transport errors, bad_msg_notification, pongs); `client.onError` gets the errors gramjs hands out.

import { startRecorder, require, withTimeout, sleep, errorText, dcOptionsOf } from './lib/harness.mjs';

const CLIENT = 'gramjs';
const rec = startRecorder(CLIENT);
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();

const { TelegramClient, Api } = require('telegram');
const { StringSession } = require('telegram/sessions');
const { Logger, LogLevel } = require('telegram/extensions/Logger');
const { PromisedNetSockets } = require('telegram/extensions/PromisedNetSockets');
const RSA = require('telegram/crypto/RSA');
const { AuthKey } = require('telegram/crypto/AuthKey');
const { Factorizator } = require('telegram/crypto/Factorizator');
const { LAYER } = require('telegram/tl/AllTLObjects');
const { version } = require('telegram/package.json');
// gramjs's own big-integer (the Map values must be its bigInt objects)
const bigInt = require(require.resolve('big-integer', { paths: [require.resolve('telegram')] }));

// --- the server's RSA key, instead of Telegram's ---
RSA._serverKeys.clear();
RSA._serverKeys.set(opts.key.fingerprintSigned, { n: bigInt(opts.key.nHex, 16), e: opts.key.e });

// --- the length of each auth key the handshake computes (Authenticator: authKey.setKey(getByteArray(g_ab))) ---
// getByteArray drops leading zero bytes, so about 1 key in 200 is 255 bytes long and gramjs's own new_nonce_hash1 check
// fails ("Step 3 invalid new nonce hash"); gramjs then redoes the handshake on the same connection. Knowing the length
// tells that client bug apart from a server that sends a wrong hash.
let lastAuthKeyLength = null;
const originalSetKey = AuthKey.prototype.setKey;
AuthKey.prototype.setKey = function (value) {
    if (Buffer.isBuffer(value)) lastAuthKeyLength = value.length;
    return originalSetKey.call(this, value);
};

// --- what gramjs's own pq factorization returned (Authenticator: Factorizator.factorize(pq)) ---
// Recorded so that a failed handshake can be told apart: wrong factors are the client's fault, right ones are not.
let lastFactorization = null;
const originalFactorize = Factorizator.factorize;
Factorizator.factorize = function (pq) {
    const r = originalFactorize.call(this, pq);
    const right = r.p.greater(1) && r.q.greater(1) && r.p.multiply(r.q).eq(pq);
    lastFactorization = { pq: pq.toString(), p: r.p.toString(), q: r.q.toString(), right };
    rec.log(`factorized pq ${pq} = ${r.p} * ${r.q}${right ? '' : ' (WRONG)'}`);
    return r;
};

// --- every connection to --host:--port ---
// TCP connections closed while the test still used them, and how many of those a client bug explains (onError below);
// compared when the script finishes, since the close and the error arrive in either order
const unexplainedCloses = [];
let expectedCloses = 0;
rec.beforeFinish = () => {
    const n = unexplainedCloses.length - expectedCloses;
    if (n > 0) rec.error(`${n} TCP connection(s) closed while in use (not by the test; closes at ${unexplainedCloses.join(', ')})`);
};

class PortraitSockets extends PromisedNetSockets {
    async connect(port, ip, ...rest) {
        rec.count('connects');
        rec.log(`socket connect: gramjs asked for ${ip}:${port}, going to ${opts.host}:${opts.port}`);
        if (this.proxy) throw new Error('proxies are not used in this test');
        const r = await super.connect(opts.port, opts.host, ...rest);
        this.client.on('close', () => {
            rec.count('closes');
            rec.log('socket closed');
            if (!rec.shuttingDown) unexplainedCloses.push(`${((Date.now() - rec.started) / 1000).toFixed(1)}s`);
        });
        return r;
    }
}

// --- gramjs's log lines, classified ---
const ERROR_PATTERNS = [
    [/^Connection closed while receiving data/, 'connection closed while receiving'],
    [/^The server closed the connection while sending/, 'server closed the connection while sending'],
    [/^Invalid buffer/, 'transport error code received'],
    [/^Security error while unpacking/, 'security error on a received message'],
    [/^Unhandled error while receiving data/, 'unhandled error while receiving'],
    [/^Broken authorization key/, 'auth key reported broken (-404 or AUTH_KEY_UNREGISTERED)'],
    [/^Type .* not found/, 'server sent a constructor gramjs does not know'],
    [/^Error while trying to reconnect/, 'reconnect callback failed'],
    [/^Maximum reconnection retries/, 'gave up reconnecting'],
];
const WARN_PATTERNS = [
    /^WebSocket connection failed attempt/, // the cause arrives through onError
    /^System clock is wrong/,
    /^Received response without parent request/,
    /is not an update, not dispatching it/,
    /^Note:/,
];

class RecordingLogger extends Logger {
    constructor() {
        super(LogLevel.DEBUG);
    }

    log(level, message) {
        rec.log(`${level} ${message}`);
        if (message === 'Started reconnecting') {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error('gramjs reconnected (see the preceding events)');
            return;
        }
        if (message.startsWith('Handling pong')) return rec.count('pongs');
        if (message.startsWith('Handling bad salt')) return rec.count('badServerSalts');
        if (message === 'Generated new auth_key successfully') return rec.count('handshakes');
        if (message.startsWith('Handling bad msg ')) {
            // bad_msg_notification: 16/17 (msg_id time) and 32/33 (seqno) make gramjs resend, others fail the request;
            // on one machine with a fresh session none of them should ever be sent.
            return rec.error(`server sent bad_msg_notification ${message.slice('Handling bad msg '.length)}`);
        }
        if (message === 'connection closed') {
            return;
        }
        for (const [re, what] of ERROR_PATTERNS) {
            if (re.test(message)) {
                if (!rec.shuttingDown) rec.error(`${what}: ${message}`);
                return;
            }
        }
        if (WARN_PATTERNS.some((re) => re.test(message))) return rec.warn(message);
        if (level === 'error' && !rec.shuttingDown) return rec.error(`gramjs logged an error: ${message}`);
        if (level === 'warn' && !rec.shuttingDown && message !== 'Disconnecting...' && !message.startsWith('[Reconnect]'))
            rec.warn(message);
    }
}

async function main() {
    const session = new StringSession('');
    // The DC the client believes it talks to; the stored port is not used by gramjs (and > 32767 breaks save()).
    session.setDC(opts.dc, opts.host, 443);
    const client = new TelegramClient(session, 1, '0123456789abcdef0123456789abcdef', {
        connectionRetries: 3,
        retryDelay: 500,
        autoReconnect: true,
        networkSocket: PortraitSockets,
        baseLogger: new RecordingLogger(),
        deviceModel: 'portrait-e2e',
        systemVersion: process.version,
        appVersion: version,
    });
    client.onError = async (e) => {
        if (rec.shuttingDown) return;
        const text = errorText(e);
        if (/invalid new nonce hash/i.test(text) && lastAuthKeyLength !== null && lastAuthKeyLength < 256) {
            rec.count('clientKeyQuirks');
            rec.warn(`gramjs computed a ${lastAuthKeyLength}-byte auth key (leading zero byte dropped, client bug) and ` +
                `rejected the server's correct new_nonce_hash1; it redoes the handshake on the same connection: ${text}`);
        } else if (/HTTP code 404/.test(text) && lastFactorization && !lastFactorization.right) {
            rec.count('clientPqQuirks');
            rec.warn(`gramjs factorized pq ${lastFactorization.pq} wrongly (p ${lastFactorization.p}, q ${lastFactorization.q}; ` +
                `client bug) and the server refused req_DH_params with -404; gramjs connects again: ${text}`);
            expectedCloses++;
        } else {
            rec.error(`client error: ${text}${lastAuthKeyLength !== null ? ` (auth key length ${lastAuthKeyLength})` : ''}` +
                (lastFactorization ? ` (last pq ${lastFactorization.pq} = ${lastFactorization.p} * ${lastFactorization.q})` : ''));
        }
    };
    rec.result.layer = LAYER;
    rec.result.version = version;

    const t0 = Date.now();
    // connect(): TCP, fresh auth key (no key in the session), then invokeWithLayer(198, initConnection(help.getConfig))
    const connected = await withTimeout(client.connect(), 60_000, 'client.connect()');
    if (!connected) {
        rec.error('client.connect() returned false (every connection attempt failed)');
        return rec.finish(false);
    }
    rec.result.connectMs = Date.now() - t0;
    if (!client.session.getAuthKey()?.getKey()) rec.error('no auth key after connect()');
    if (rec.counters.handshakes < 1) rec.error('connect() did not create a new auth key');

    const t1 = Date.now();
    const config = await withTimeout(client.invoke(new Api.help.GetConfig()), 30_000, 'help.getConfig');
    rec.result.getConfigMs = Date.now() - t1;
    if (!(config instanceof Api.Config)) {
        rec.error(`help.getConfig returned ${config?.className ?? typeof config}, not config`);
        return rec.finish(false);
    }
    rec.result.thisDc = config.thisDc;
    rec.result.dcOptions = dcOptionsOf(config.dcOptions);
    rec.result.testMode = config.testMode;
    rec.log(`config: this_dc ${config.thisDc}, ${config.dcOptions.length} dc_options`);

    if (opts.seconds > 0) {
        rec.log(`staying connected for ${opts.seconds} s`);
        await sleep(opts.seconds * 1000);
        // the connection must still answer after the wait
        const again = await withTimeout(client.invoke(new Api.help.GetConfig()), 30_000, 'help.getConfig after the wait');
        if (!(again instanceof Api.Config)) rec.error(`help.getConfig after the wait returned ${again?.className}`);
        // gramjs pings every 9 s; a pong per ping is expected (at least one per 9 s minus the first interval)
        const expected = Math.floor(opts.seconds / 9) - 1;
        if (rec.counters.pongs < expected) rec.error(`only ${rec.counters.pongs} pong(s) in ${opts.seconds} s (expected >= ${expected})`);
    }

    await rec.closeAndFinish(() => client.disconnect(), 'client.disconnect()');
}

rec.run(main);
