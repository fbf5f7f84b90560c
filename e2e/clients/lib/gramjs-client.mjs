// gramjs (npm `telegram` 2.26.22, layer 198) pointed at a Portrait server, for the gramjs-*.mjs scripts in e2e/clients/:
// its modules, the server's RSA key, the socket class, the log classification, the handshake's client quirks, client
// construction, RPC errors, sign-up and shutdown. Nothing in node_modules is edited; everything happens at runtime:
// - RSA key: the exported Map `_serverKeys` of telegram/crypto/RSA.js (read at handshake time), cleared and given the
//   server's key, keyed by the signed decimal fingerprint, value {n: bigInt, e}.
// - Address: gramjs connects the main sender to the session's IP on port 80 whatever the session's port, so the socket
//   class (the documented `networkSocket` option) is a PromisedNetSockets whose connect() goes to --host:--port.
// - Events: a Logger subclass (the documented `baseLogger` option) at debug level sees every line gramjs logs
//   (reconnects, transport errors, bad_msg_notification, pongs); `client.onError` gets the errors gramjs hands out.

import { require, withTimeout, errorText, usageError, takeOption } from './harness.mjs';
import { expectRpcError, need, testCode, signedLong } from './accounts.mjs';

/**
 * --package: which install of gramjs to drive, default `telegram`; older versions are installed beside it under npm
 * aliases (package.json: telegram-140 is npm:telegram@2.8.2, ...), so one script serves every layer they speak.
 */
export const PACKAGE = takeOption('--package') ?? 'telegram';
const gramjs = (path = '') => require(path ? `${PACKAGE}/${path}` : PACKAGE);

export const { TelegramClient, Api } = gramjs();
export const { StringSession } = gramjs('sessions');
export const { CustomFile } = gramjs('client/uploads');
export const { Raw } = gramjs('events');
export const { LAYER } = gramjs('tl/AllTLObjects');
export const { version } = gramjs('package.json');
/** gramjs's own big-integer (the RSA Map values and every long it is given must be its bigInt objects). */
export const bigInt = require(require.resolve('big-integer', { paths: [require.resolve(PACKAGE)] }));
export const { Logger, LogLevel } = gramjs('extensions/Logger');
const { PromisedNetSockets } = gramjs('extensions/PromisedNetSockets');
const { PromisedWebSockets } = gramjs('extensions/PromisedWebSockets');
const { ConnectionTCPFull, ConnectionTCPAbridged, ConnectionTCPObfuscated } = gramjs('network');
const RSA = gramjs('crypto/RSA');
const { AuthKey } = gramjs('crypto/AuthKey');
const { Factorizator } = gramjs('crypto/Factorizator');

/** 'PhotoEmpty' → 'photoEmpty'. */
export const lowerFirst = (s) => (s ? s.charAt(0).toLowerCase() + s.slice(1) : s);
/** A gramjs TL object's name as the JSON line records it (its className with a lower-case first letter). */
export const kindOf = (o) => lowerFirst(o?.className);

/** An RPC error as {code, message} (null for anything else), and a call that must fail with one (accounts.mjs). */
export const rpc = (e) => (e && typeof e.errorMessage === 'string' && e.code !== undefined ? { code: e.code, message: e.errorMessage } : null);
export const mustFail = (p) => expectRpcError(p, rpc);

/** The server's RSA key instead of Telegram's. */
export function useServerKey(key) {
    RSA._serverKeys.clear();
    RSA._serverKeys.set(key.fingerprintSigned, { n: bigInt(key.nHex, 16), e: key.e });
}

/**
 * --framing: gramjs's connection classes and the socket each runs on. full is its Node default; websocket is its
 * browser path (obfuscated abridged frames in binary messages to ws://host:port/apiws, through the `websocket` package
 * that `telegram` depends on).
 */
export const FRAMINGS = {
    full: { connection: ConnectionTCPFull, webSocket: false },
    abridged: { connection: ConnectionTCPAbridged, webSocket: false },
    obfuscated: { connection: ConnectionTCPObfuscated, webSocket: false },
    websocket: { connection: ConnectionTCPObfuscated, webSocket: true },
};

/** The --framing the script was given (full when none); an unknown one is a usage error. */
export function framingOf(opts) {
    const f = FRAMINGS[opts.framing ?? 'full'];
    if (!f) usageError(`gramjs has no framing ${opts.framing} (it has ${Object.keys(FRAMINGS).join(', ')})`);
    return f;
}

/**
 * The socket class: every gramjs connection goes to --host:--port and is counted (counters.connects) and recorded
 * with its local port (rec.socketOpened: a test behind a proxy maps it to a node). Options:
 * log (rec.log each connect, with the address gramjs asked for, and each close), onConnect(ip, port) (what gramjs
 * asked for), onClose() (called for each close while the run is not shutting down; without it closes are not
 * watched) and clientCloses (a close gramjs asked for itself, such as its exported sender's 30 s after its last use,
 * is only counted as clientCloses, not passed to onClose).
 */
export function socketsTo(rec, { log = false, onConnect = null, onClose = null, clientCloses = false } = {}) {
    const { host, port } = rec.opts;
    const webSocket = framingOf(rec.opts).webSocket;
    return class PortraitSockets extends (webSocket ? PromisedWebSockets : PromisedNetSockets) {
        async connect(askedPort, ip, ...rest) {
            rec.count('connects');
            onConnect?.(ip, askedPort);
            if (log) rec.log(`socket connect: gramjs asked for ${ip}:${askedPort}, going to ${host}:${port}${webSocket ? ' (WebSocket)' : ''}`);
            if (this.proxy) throw new Error('proxies are not used in this test');
            this.closingByClient = false;
            const r = await super.connect(port, host, ...rest);
            // a WebSocket's TCP socket is the w3cwebsocket's connection's
            rec.socketOpened(webSocket ? this.client?._connection?.socket?.localPort : this.client?.localPort);
            if (onClose) {
                const closed = () => {
                    rec.count('closes');
                    if (log) rec.log('socket closed');
                    if (clientCloses && this.closingByClient) return rec.count('clientCloses');
                    if (!rec.shuttingDown) onClose();
                };
                if (webSocket) {
                    const ownClose = this.client.onclose;
                    this.client.onclose = (...a) => {
                        closed();
                        ownClose?.(...a);
                    };
                } else {
                    this.client.on('close', closed);
                }
            }
            return r;
        }

        async close() {
            this.closingByClient = true;
            return super.close();
        }
    };
}

/**
 * Watches the handshake for gramjs's own bugs and returns what it saw, updated as handshakes run:
 * - authKeyLength: the length of each auth key the handshake computes (Authenticator: authKey.setKey(getByteArray(g_ab))).
 *   getByteArray drops leading zero bytes, so about 1 key in 200 is 255 bytes long and gramjs's own new_nonce_hash1
 *   check fails ("Step 3 invalid new nonce hash"); gramjs then redoes the handshake on the same connection. Knowing
 *   the length tells that client bug apart from a server that sends a wrong hash.
 * - factorization: what gramjs's own pq factorization returned (Factorizator.factorize(pq)), so that a failed
 *   handshake can be told apart: wrong factors are the client's fault, right ones are not. With log, each is rec.log'd.
 */
export function watchHandshake(rec, { log = false } = {}) {
    const seen = { authKeyLength: null, factorization: null };
    const originalSetKey = AuthKey.prototype.setKey;
    AuthKey.prototype.setKey = function (value) {
        if (Buffer.isBuffer(value)) seen.authKeyLength = value.length;
        return originalSetKey.call(this, value);
    };
    const originalFactorize = Factorizator.factorize;
    Factorizator.factorize = function (pq) {
        const r = originalFactorize.call(this, pq);
        const right = r.p.greater(1) && r.q.greater(1) && r.p.multiply(r.q).eq(pq);
        seen.factorization = { pq: pq.toString(), p: r.p.toString(), q: r.q.toString(), right };
        if (log) rec.log(`factorized pq ${pq} = ${r.p} * ${r.q}${right ? '' : ' (WRONG)'}`);
        return r;
    };
    return seen;
}

/** gramjs log lines that mean the server misbehaved or the link broke, with what they mean. */
export const ERROR_PATTERNS = [
    [/^Connection closed while receiving data/, 'connection closed while receiving'],
    [/^The server closed the connection while sending/, 'server closed the connection while sending'],
    [/^Invalid buffer/, 'transport error code received'],
    [/^Security error while unpacking/, 'security error on a received message'],
    [/^Unhandled error while receiving data/, 'unhandled error while receiving'],
    [/^Broken authorization key/, 'auth key reported broken'],
    [/^Type .* not found/, 'server sent a constructor gramjs does not know'],
    [/^Maximum reconnection retries/, 'gave up reconnecting'],
];

/** The connect script's: the same, the broken key with its causes, and a failed reconnect callback too. */
export const CONNECT_ERROR_PATTERNS = [
    ...ERROR_PATTERNS.map(([re, what]) => [re, re.source === '^Broken authorization key' ? `${what} (-404 or AUTH_KEY_UNREGISTERED)` : what]),
    [/^Error while trying to reconnect/, 'reconnect callback failed'],
];

/** Whether this gramjs refuses server messages with a msg_id below its own last one (1.x; see RecordingLogger). */
const OLD_MESSAGE_CHECK = Number(version.split('.')[0]) < 2;

/** gramjs log lines the connect script lists as warnings. */
const WARN_PATTERNS = [
    /^System clock is wrong/,
    /^Received response without parent request/,
    /is not an update, not dispatching it/,
    /^Note:/,
];

/**
 * gramjs's log lines of one client, classified into the recorder: reconnects (an error), key exchanges, bad_msg
 * notifications and ERROR_PATTERNS (errors), error-level lines (errors). With a label (several clients in one run)
 * the lines and messages name the client. Options: errorPatterns, pings (count pongs and bad server salts),
 * warnings (WARN_PATTERNS and warn-level lines become warnings).
 */
export class RecordingLogger extends Logger {
    constructor(rec, { label = null, errorPatterns = ERROR_PATTERNS, pings = false, warnings = false } = {}) {
        super(LogLevel?.DEBUG ?? 'debug');
        // gramjs before 2.0 has no log(): each level method calls _log, which prints with console.log
        if (!LogLevel) this._log = (level, text) => this.log(level, text);
        this.rec = rec;
        this.label = label;
        this.errorPatterns = errorPatterns;
        this.pings = pings;
        this.warnings = warnings;
    }

    log(level, text) {
        const rec = this.rec;
        const message = String(text); // gramjs before 2.10 hands Error objects to error()
        const who = this.label === null ? '' : `${this.label}: `;
        rec.log(`${this.label === null ? '' : `[${this.label}] `}${level} ${message}`);
        if (message === 'Started reconnecting') {
            rec.count('reconnects');
            if (!rec.shuttingDown) rec.error(`${who}gramjs reconnected (see the preceding events)`);
            return;
        }
        if (this.pings && message.startsWith('Handling pong')) return rec.count('pongs');
        if (this.pings && message.startsWith('Handling bad salt')) return rec.count('badServerSalts');
        if (message === 'Generated new auth_key successfully') return rec.count('handshakes');
        if (message.startsWith('Handling bad msg ')) {
            // bad_msg_notification: 16/17 (msg_id time) and 32/33 (seqno) make gramjs resend, others fail the request;
            // on one machine with a fresh session none of them should ever be sent.
            return rec.error(`${who}server sent bad_msg_notification ${message.slice('Handling bad msg '.length)}`);
        }
        if (message === 'connection closed') return; // info; closes are watched by the socket class
        if (OLD_MESSAGE_CHECK && /Received old message from server/.test(message)) {
            // gramjs 1.x drops a server message whose msg_id is below the client's own newest msg_id, so a reply
            // already in flight when the client sends an ack or a request is dropped (a check 2.0 removed). A dropped
            // reply would fail its step; the flow's own checks decide, and this is recorded as a warning.
            rec.count('droppedAsOld');
            return rec.warn(`${who}gramjs 1.x dropped a server message as older than its own last msg_id: ${message}`);
        }
        for (const [re, what] of this.errorPatterns) {
            if (re.test(message)) {
                if (!rec.shuttingDown) rec.error(`${who}${what}: ${message}`);
                return;
            }
        }
        // gramjs logs this at error level and then hands the cause to the client's onError, which classifies it (a
        // known client quirk is a warning); the line itself says nothing more
        if (/^WebSocket connection failed attempt/.test(message)) return this.warnings ? rec.warn(message) : undefined;
        if (this.warnings && WARN_PATTERNS.some((re) => re.test(message))) return rec.warn(message);
        if (level === 'error' && !rec.shuttingDown) return rec.error(`${who}gramjs logged an error: ${message}`);
        if (this.warnings && level === 'warn' && !rec.shuttingDown && message !== 'Disconnecting...' && !message.startsWith('[Reconnect]'))
            rec.warn(message);
    }
}

/**
 * The client's connection class, made to open its own socket of class `sockets` for each connection, where the gramjs
 * version does not do that from the `networkSocket` option (2.15 and later hand each connection the class):
 * - before 2.0 there is no such option: each Connection makes a PromisedNetSockets of its own (a socket class here
 *   is the only way to reach --host:--port);
 * - 2.8 makes ONE socket object in the TelegramClient constructor and hands that same object to every Connection: the
 *   exported sender that uploadFile and downloadFile borrow even for the home DC calls connect() on it, which replaces
 *   the TCP connection under the main sender. Both senders then write on the new connection (the server sees the full
 *   transport's seq jump from the exported sender's 0, 1, ... to the main sender's count and closes it) and both
 *   receive loops read one shared buffer (over abridged, a reply lands in the other sender: "Not an upload.File" and
 *   the request hangs). A client bug, not a server one: each connection here gets a socket of its own.
 * Returns the connection class unchanged otherwise; `perConnection` tells whether it was replaced.
 */
export function ownSockets(client, connection, sockets) {
    const sharedInstance = client.socket !== undefined && typeof client.socket === 'object'; // 2.8
    const noOption = client.networkSocket === undefined && client.socket === undefined; // 1.x
    if (!sharedInstance && !noOption) return { connection, perConnection: false };
    const Own = class extends connection {
        constructor(...args) {
            super(...args);
            // 1.x: (ip, port, dcId, loggers, proxy); 2.x: ({ip, port, dcId, loggers, proxy, socket, ...})
            const proxy = args.length > 1 ? args[4] : args[0]?.proxy;
            this.socket = new sockets(proxy);
        }
    };
    Object.defineProperty(Own, 'name', { value: connection.name }); // gramjs logs the class name ("TCPFull")
    return { connection: Own, perConnection: true };
}

/**
 * A TelegramClient with the options of every script (API id 1, 3 connection retries 500 ms apart, auto-reconnect) and
 * the connection class asked for (ConnectionTCPFull, gramjs's Node default, unless --framing picked another).
 */
export function telegramClient(session, { sockets, logger, deviceModel = 'portrait-e2e', connectionRetries = 3, connection = ConnectionTCPFull }) {
    const client = new TelegramClient(session, 1, '0123456789abcdef0123456789abcdef', {
        connection,
        connectionRetries,
        retryDelay: 500,
        autoReconnect: true,
        networkSocket: sockets,
        baseLogger: logger,
        deviceModel,
        systemVersion: process.version,
        appVersion: version,
    });
    const own = ownSockets(client, connection, sockets);
    client._connection = own.connection;
    client.perConnectionSockets = own.perConnection;
    return client;
}

/**
 * What the connect, accounts, photos and profile-features scripts set up: the server's key, the handshake watch,
 * sockets whose unexplained closes are errors when the run finishes, and clients on fresh auth keys.
 *
 * Options: detailed (the connect script's single client: no label, pongs and bad server salts counted, warnings
 * listed, every socket event and factorization logged, CONNECT_ERROR_PATTERNS, and longer messages), clientCloses
 * (see socketsTo: gramjs's exported senders for uploads and downloads close themselves).
 *
 * Returns {seen (watchHandshake), createClient(label), newClient(label, {updates}), clients,
 * disconnectAllAndFinish()}.
 */
export function gramjsHarness(rec, { detailed = false, clientCloses = false } = {}) {
    useServerKey(rec.opts.key);
    const seen = watchHandshake(rec, { log: detailed });

    // TCP connections closed while the test still used them, and how many of those a client bug explains (onError);
    // compared when the script finishes, since the close and the error arrive in either order
    const unexplainedCloses = [];
    let expectedCloses = 0;
    rec.beforeFinish = () => {
        const n = unexplainedCloses.length - expectedCloses;
        if (n <= 0) return;
        const list = unexplainedCloses.join(', ');
        if (clientCloses) rec.error(`${n} TCP connection(s) closed by the server while in use (${list})`);
        else rec.error(`${n} TCP connection(s) closed while in use (not by the test; ${detailed ? 'closes at ' : ''}${list})`);
    };
    const sockets = socketsTo(rec, {
        log: detailed,
        clientCloses,
        onClose: () => unexplainedCloses.push(`${((Date.now() - rec.started) / 1000).toFixed(1)}s`),
    });

    /** The client's errors: the handshake quirks are warnings (a wrong pq explains one close), the rest errors. */
    const onError = (label) => async (e) => {
        if (rec.shuttingDown) return;
        const text = errorText(e);
        const f = seen.factorization;
        if (/invalid new nonce hash/i.test(text) && seen.authKeyLength !== null && seen.authKeyLength < 256) {
            rec.count('clientKeyQuirks');
            rec.warn(detailed
                ? `gramjs computed a ${seen.authKeyLength}-byte auth key (leading zero byte dropped, client bug) and ` +
                    `rejected the server's correct new_nonce_hash1; it redoes the handshake on the same connection: ${text}`
                : `${label}: gramjs computed a ${seen.authKeyLength}-byte auth key (client bug) and redoes the handshake`);
        } else if (/HTTP code 404/.test(text) && f && !f.right) {
            rec.count('clientPqQuirks');
            rec.warn(detailed
                ? `gramjs factorized pq ${f.pq} wrongly (p ${f.p}, q ${f.q}; client bug) and the server refused ` +
                    `req_DH_params with -404; gramjs connects again: ${text}`
                : `${label}: gramjs factorized pq ${f.pq} wrongly (client bug); it connects again`);
            expectedCloses++;
        } else if (detailed) {
            rec.error(`client error: ${text}${seen.authKeyLength !== null ? ` (auth key length ${seen.authKeyLength})` : ''}` +
                (f ? ` (last pq ${f.pq} = ${f.p} * ${f.q})` : ''));
        } else {
            rec.error(`${label}: client error: ${text}`);
        }
    };

    const clients = [];

    /** A new client on an empty StringSession (so a fresh auth key), not connected yet. */
    function createClient(label = null) {
        const session = new StringSession('');
        // The DC the client believes it talks to; the stored port is not used by gramjs (and > 32767 breaks save()).
        session.setDC(rec.opts.dc, rec.opts.host, 443);
        const client = telegramClient(session, {
            sockets,
            logger: new RecordingLogger(rec, detailed
                ? { errorPatterns: CONNECT_ERROR_PATTERNS, pings: true, warnings: true }
                : { label }),
            deviceModel: label === null ? 'portrait-e2e' : `portrait-e2e-${label}`,
            connection: framingOf(rec.opts).connection,
        });
        client.onError = onError(label);
        return client;
    }

    /**
     * A new client, connected: {client, label}; with updates, every update it receives (client.addEventHandler) lands
     * in its updates[] too.
     */
    async function newClient(label, { updates = false } = {}) {
        const client = createClient(label);
        const c = { client, label };
        if (updates) {
            c.updates = [];
            client.addEventHandler((u) => {
                c.updates.push(u);
                rec.log(`[${label}] update ${u?.className}`);
            });
        }
        clients.push(client);
        const connected = await withTimeout(client.connect(), 60_000, `${label}: client.connect()`);
        // gramjs before 2.10 returns nothing from connect(); later ones true, or false when every attempt failed
        if (connected === false) throw new Error(`${label}: client.connect() returned false`);
        return c;
    }

    /** Disconnects every client newClient made (10 s each; a failure is a warning) and finishes ok. */
    const disconnectAllAndFinish = () =>
        rec.closeAllAndFinish(clients, (cl) => cl.disconnect(), 'client.disconnect()', 'disconnect');

    return { seen, createClient, newClient, clients, disconnectAllAndFinish };
}

/**
 * client.start() with the test number's code: signs a new number up (first and last name), or signs an existing one
 * in. Any error the flow's onError gets stops it (the right code must work at once). Returns
 * {id, accessHash, signedUp, onErrors}.
 */
export async function signUp(c, phone, first, last) {
    const flow = { codesAsked: 0, signedUp: false, onErrors: [] };
    try {
        await withTimeout(c.client.start({
            phoneNumber: phone,
            phoneCode: async () => {
                flow.codesAsked++;
                return testCode(phone.replace(/^\+/, ''));
            },
            firstAndLastNames: async () => {
                flow.signedUp = true;
                return [first, last];
            },
            onError: async (e) => {
                flow.onErrors.push(rpc(e) ?? { notRpcError: errorText(e) });
                return true; // stop: the right code must work at once
            },
        }), 60_000, `${c.label}: client.start()`);
    } catch (e) {
        throw new Error(`${c.label}: client.start(): ${errorText(e)}; onError got ${JSON.stringify(flow.onErrors)}`);
    }
    const me = await c.client.getMe();
    need(me instanceof Api.User, 'getMe() returns a user', me?.className);
    return { id: signedLong(me.id), accessHash: signedLong(me.accessHash), signedUp: flow.signedUp, onErrors: flow.onErrors };
}
