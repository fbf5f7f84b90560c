// gramjs (npm `telegram` 2.26.22) signs a bot in with a token from `portrait bot add`: a fresh auth key, then
// client.start({ botAuthToken }) (auth.importBotAuthorization), then getMe() must show the bot.
//
//   node clients/gramjs-bot.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --json)" \
//       --token "$(./portrait bot add --owner 9996610001 --username portraitbot --first-name Bot)"
//
// Prints one JSON line on stdout (see lib/harness.mjs): me {id, bot, firstName, username}, counters.handshakes.
// The client is pointed at the server by lib/gramjs-client.mjs: the server's RSA key replaces Telegram's, and the
// socket class redirects gramjs's port-80 connection to --host:--port.

import { startRecorder, takeOption, withTimeout, errorText } from './lib/harness.mjs';
import {
    StringSession, Logger, LogLevel, LAYER, version, useServerKey, socketsTo, telegramClient,
} from './lib/gramjs-client.mjs';

const token = takeOption('--token');
const rec = startRecorder('gramjs-bot');
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();
rec.requireOption('--token', token);

useServerKey(opts.key);
const PortraitSockets = socketsTo(rec, { log: true });

class RecordingLogger extends Logger {
    constructor() {
        super(LogLevel.DEBUG);
    }

    log(level, message) {
        rec.log(`${level} ${message}`);
        if (message === 'Generated new auth_key successfully') rec.count('handshakes');
    }
}

async function main() {
    const session = new StringSession('');
    session.setDC(opts.dc, opts.host, 443);
    const client = telegramClient(session, { sockets: PortraitSockets, logger: new RecordingLogger() });
    client.onError = async (e) => rec.log(`client error: ${errorText(e)}`);
    rec.result.layer = LAYER;
    rec.result.version = version;

    await withTimeout(client.start({ botAuthToken: token }), 60_000, 'client.start({ botAuthToken })');
    const me = await withTimeout(client.getMe(), 20_000, 'getMe()');
    rec.result.me = { id: me.id.toString(), bot: Boolean(me.bot), firstName: me.firstName ?? null, username: me.username ?? null };
    rec.log(`getMe: ${JSON.stringify(rec.result.me)}`);
    await rec.closeAndFinish(() => client.disconnect(), 'client.disconnect()');
}

rec.run(main);
