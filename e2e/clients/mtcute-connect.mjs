// mtcute (@mtcute/node 0.30.3, layer 227) against a Portrait server: fresh auth key (MemoryStorage, so no stored key),
// help.getConfig through the low-level call API (mtcute wraps the first call in invokeWithLayer(initConnection(...))),
// then stays connected for --seconds and reports reconnects and transport errors.
//
//   node clients/mtcute-connect.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)"
//
// Prints one JSON line on stdout (see lib/harness.mjs); logs go to stderr.
//
// How the unmodified client is pointed at the server, at runtime only, and how its events are classified: see
// lib/mtcute-client.mjs (addPublicKey, defaultDcs, MemoryStorage, a recording log handler, a counting TcpTransport:
// every connect after the first is a reconnect). This script uses its detailed classification: pongs counted, every
// "received pong to ..." warning an error.

import { startRecorder, withTimeout, sleep, dcOptionsOf, fingerprintLookupWarning } from './lib/harness.mjs';
import { VERSION, CONNECT_WARN_IS_ERROR, mtcuteHarness } from './lib/mtcute-client.mjs';

const CLIENT = 'mtcute';
const rec = startRecorder(CLIENT);
const opts = rec.opts;
rec.catchUnhandled();
rec.armTimeout();

const cute = mtcuteHarness(rec, { detailed: true, warnIsError: CONNECT_WARN_IS_ERROR });

async function main() {
    const quirk = fingerprintLookupWarning(opts.key);
    if (quirk) rec.warn(quirk);
    const client = await cute.newBase(); // storage + crypto ready, the server's key added
    rec.result.layer = client.mt._layer;
    rec.result.version = VERSION;

    if (await client.mt.storage.provider.authKeys.get(opts.dc)) rec.error('storage already holds an auth key');

    const t0 = Date.now();
    const config = await withTimeout(client.call({ _: 'help.getConfig' }), 60_000, "call({_: 'help.getConfig'})");
    rec.result.connectMs = Date.now() - t0;
    if (config?._ !== 'config') {
        rec.error(`help.getConfig returned ${config?._}, not config`);
        return rec.finish(false);
    }
    if (rec.counters.handshakes < 1) rec.error('no new auth key was made (no "authorization successful")');
    rec.result.thisDc = config.thisDc;
    rec.result.dcOptions = dcOptionsOf(config.dcOptions);
    rec.result.testMode = config.testMode;
    rec.log(`config: this_dc ${config.thisDc}, ${config.dcOptions.length} dc_options`);

    if (opts.seconds > 0) {
        await sleep(opts.seconds * 1000);
        const again = await withTimeout(client.call({ _: 'help.getConfig' }), 30_000, 'help.getConfig after the wait');
        if (again?._ !== 'config') rec.error(`help.getConfig after the wait returned ${again?._}`);
    }

    await rec.closeAndFinish(() => client.destroy(), 'client.destroy()');
}

rec.run(main);
