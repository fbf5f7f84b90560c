// gramjs (npm `telegram` 2.26.22) signs in with a session string from `portrait session new --format gramjs`: no key
// exchange, no sign-in; connect() then getMe() must show the account the string was made for.
//
//   node clients/gramjs-session.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//       --session "$(./portrait session new --phone 9996610001 --format gramjs --address 127.0.0.1:2443)" [--wait-revoke 30]
//
// Prints one JSON line on stdout (see lib/harness.mjs): me {id, bot, firstName}, dcId and serverAddress as gramjs read
// them from the string, the address gramjs asked its socket for, counters.handshakes (must be 0).
//
// --wait-revoke N: after getMe, prints {"ready": true} on stdout and waits up to N seconds for the server to close
// the connection (the test runs `portrait session revoke` on the key meanwhile); then a second client connects with
// the same string and must be refused: gramjs logs "Broken authorization key" when the server answers -404.
//
// As in the other gramjs scripts (lib/gramjs-client.mjs): gramjs connects the main sender to the session's IP on port
// 80 whatever the session's port, so the socket class redirects to --port (the address it asked for is recorded); the
// server's RSA key is registered although no key exchange should happen.

import { startRecorder, takeOption, withTimeout, sleep, errorText } from './lib/harness.mjs';
import {
    StringSession, Logger, LogLevel, LAYER, version, useServerKey, socketsTo, telegramClient,
} from './lib/gramjs-client.mjs';
import { writeSync } from 'node:fs';

const sessionString = takeOption('--session');
const waitRevoke = Number(takeOption('--wait-revoke') ?? 0);
const rec = startRecorder('gramjs-session');
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();
rec.requireOption('--session', sessionString);

useServerKey(opts.key);

let serverClosed = null; // resolves when a connection is closed while the test did not close it
const serverClosedPromise = new Promise((resolve) => { serverClosed = resolve; });
rec.result.askedAddresses = [];

const PortraitSockets = socketsTo(rec, {
    log: true,
    onConnect: (ip, port) => rec.result.askedAddresses.push(`${ip}:${port}`),
    onClose: () => serverClosed(Date.now()),
});

/** One client's log: counts key exchanges, and brokenKey resolves when it reports the server's -404. */
class RecordingLogger extends Logger {
    constructor(name) {
        super(LogLevel.DEBUG);
        this.name = name;
        this.brokenKey = new Promise((resolve) => { this.onBrokenKey = resolve; });
    }

    log(level, message) {
        rec.log(`[${this.name}] ${level} ${message}`);
        if (message === 'Generated new auth_key successfully') rec.count('handshakes');
        if (message.startsWith('Broken authorization key')) {
            rec.count(`${this.name}BrokenKeys`);
            this.onBrokenKey();
        }
        if (message === 'Started reconnecting') rec.count(`${this.name}Reconnects`);
    }
}

function newClient(name) {
    const logger = new RecordingLogger(name);
    const client = telegramClient(new StringSession(sessionString), { sockets: PortraitSockets, logger, connectionRetries: 2 });
    client.onError = async (e) => rec.log(`[${name}] client error: ${errorText(e)}`);
    return { client, logger };
}

function meOf(user) {
    return { id: user.id.toString(), bot: Boolean(user.bot), firstName: user.firstName ?? null, username: user.username ?? null };
}

async function main() {
    rec.result.layer = LAYER;
    rec.result.version = version;
    const { client } = newClient('first');
    rec.result.dcId = client.session.dcId;
    rec.result.serverAddress = client.session.serverAddress;
    rec.result.sessionPort = client.session.port;
    const connected = await withTimeout(client.connect(), 30_000, 'client.connect()');
    if (!connected) {
        rec.error('client.connect() returned false');
        return rec.finish(false);
    }
    rec.result.me = meOf(await withTimeout(client.getMe(), 20_000, 'getMe()'));
    rec.log(`getMe: ${JSON.stringify(rec.result.me)}`);
    if (waitRevoke <= 0) return rec.closeAndFinish(() => client.disconnect(), 'client.disconnect()');

    // the test revokes the key now; the server closes this connection within a second or so
    writeSync(1, JSON.stringify({ ready: true }) + '\n');
    const t0 = Date.now();
    const closedAt = await Promise.race([serverClosedPromise, sleep(waitRevoke * 1000).then(() => null)]);
    rec.result.closedByServer = closedAt !== null;
    rec.result.closedAfterMs = closedAt === null ? null : closedAt - t0;
    if (closedAt === null) rec.error(`the server did not close the connection within ${waitRevoke} s`);

    // a new client with the same string: the server no longer knows the key
    const { client: second, logger: secondLog } = newClient('second');
    const outcome = await Promise.race([
        (async () => {
            await second.connect();
            return { getMe: meOf(await second.getMe()) };
        })().catch((e) => ({ error: errorText(e) })),
        secondLog.brokenKey.then(() => ({ brokenKey: true })),
        sleep(20_000).then(() => ({ timedOut: true })),
    ]);
    rec.result.second = outcome;
    rec.log(`second client: ${JSON.stringify(outcome)}`);
    await rec.closeAndFinish(() => Promise.allSettled([client.destroy(), second.destroy()]), 'destroy()');
}

rec.run(main);
