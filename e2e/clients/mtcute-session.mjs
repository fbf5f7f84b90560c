// mtcute (@mtcute/node 0.30.3) signs in with a session string from `portrait session new --format mtcute`:
// importSession() takes the DC (id, address, port), the account (id, bot or not) and the auth key from the string, so
// no key exchange and no sign-in happen; getMe() must show that account.
//
//   node clients/mtcute-session.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//       --session "$(./portrait session new --phone 9996610001 --format mtcute --address 127.0.0.1:2443)"
//
// Prints one JSON line on stdout (see lib/harness.mjs): me {id, bot, firstName, username}, the address mtcute
// connected to (from the string: --host/--port are only used to check it), counters.handshakes (must be 0).
// MemoryStorage (the default SQLite storage needs the native better-sqlite3); the server's RSA key is registered as in
// the other mtcute scripts (lib/mtcute-client.mjs) although no key exchange should happen.

import { startRecorder, takeOption, withTimeout, errorText, keyToPkcs1Pem } from './lib/harness.mjs';
import { TelegramClient, MemoryStorage, TcpTransport, addPublicKey, LogManager, VERSION, logLine } from './lib/mtcute-client.mjs';

const sessionString = takeOption('--session');
const rec = startRecorder('mtcute-session');
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();
rec.requireOption('--session', sessionString);

rec.result.connectedTo = [];

class RecordingTcpTransport extends TcpTransport {
    async connect(dc) {
        rec.count('connects');
        rec.result.connectedTo.push(`${dc.ipAddress}:${dc.port}`);
        rec.log(`tcp connect to ${dc.ipAddress}:${dc.port} (dc ${dc.id})`);
        return super.connect(dc);
    }
}

function onLog(color, level, tag, fmt, args) {
    const line = logLine(fmt, args);
    rec.log(`${level} ${tag} ${line}`);
    if (/authorization successful/.test(line)) rec.count('handshakes');
}

async function main() {
    const tg = new TelegramClient({
        apiId: 1,
        apiHash: '0123456789abcdef0123456789abcdef',
        storage: new MemoryStorage(),
        transport: new RecordingTcpTransport(),
        disableUpdates: true,
        initConnectionOptions: { deviceModel: 'portrait-e2e', appVersion: VERSION },
    });
    tg.log.mgr.level = opts.verbose ? LogManager.VERBOSE : LogManager.DEBUG;
    tg.log.mgr.handler = onLog;
    tg.onError.add((e) => rec.log(`client error: ${errorText(e)}`));
    rec.result.layer = tg._client.mt._layer;
    rec.result.version = VERSION;

    await tg.prepare();
    addPublicKey(tg._client.crypto, keyToPkcs1Pem(opts.key));
    await tg.importSession(sessionString);
    const self = await tg._client.storage.self.fetch();
    rec.result.importedSelf = self ? { id: self.userId, bot: self.isBot } : null;

    const me = await withTimeout(tg.getMe(), 30_000, 'getMe()');
    rec.result.me = { id: String(me.id), bot: Boolean(me.isBot), firstName: me.firstName ?? null, username: me.username ?? null };
    rec.log(`getMe: ${JSON.stringify(rec.result.me)}`);
    await rec.closeAndFinish(() => tg.destroy(), 'destroy()');
}

rec.run(main);
