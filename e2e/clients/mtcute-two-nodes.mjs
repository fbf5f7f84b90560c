// mtcute (@mtcute/node 0.30.3, layer 227) against several Portrait nodes behind one address (TwoNodesRealClientsTest:
// a TCP proxy in front of two nodes sharing PostgreSQL and S3, routing as the script says). The same flow as gramjs-two-nodes.mjs
// (lib/two-nodes.mjs) through mtcute: sign-up as in lib/mtcute-client.mjs, raw contacts.importContacts both ways,
// tg.uploadFile (an UPLOAD pool connection with the same auth key for files over 128 KB) + raw
// photos.uploadProfilePhoto, B's tg.onRawUpdate gets updateUser(A) live (mtcute's updates manager may fetch
// updates.getDifference by itself on a seq gap: recorded), tg.getUsers + tg.downloadAsBuffer(user.photo.big), a second
// photo uploaded and deleted with raw photos.deletePhotos.
//
//   node clients/mtcute-two-nodes.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996652001,9996652002 --images DIR --out DIR
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/two-nodes.mjs); logs go to stderr.

import { fingerprintLookupWarning } from './lib/harness.mjs';
import { runTwoNodes, startTwoNodesRecorder } from './lib/two-nodes.mjs';
import { Long, VERSION, kindOf, mtcuteHarness, signUp as signUpAs } from './lib/mtcute-client.mjs';

const rec = startTwoNodesRecorder('mtcute');
rec.catchUnhandled();
rec.armTimeout();

// connections told apart by their log prefix: MAIN reconnects are errors, UPLOAD / DOWNLOAD pool ones warnings
const cute = mtcuteHarness(rec, { pools: true });
const SELF = { _: 'inputUserSelf' };

rec.run(async () => {
    const quirk = fingerprintLookupWarning(rec.opts.key);
    if (quirk) rec.warn(quirk);
    rec.result.version = VERSION;
    await runTwoNodes(rec, {
        kindOf,
        newClient: async (label) => {
            const c = await cute.newClient(label);
            rec.result.layer ??= c.tg._client.mt._layer;
            return c;
        },
        signUp: (c, phone, first) => signUpAs(c, phone, first, 'Nodes'),
        watchCalls: (c, calls) => {
            // tg.call and mtcute's own calls (its updates manager's updates.getDifference) go through the base client
            const base = c.tg._client;
            const call = base.call.bind(base);
            base.call = (message, params) => calls.track(message?._, call(message, params));
        },
        onUpdate: (c, fn) => c.tg.onRawUpdate.add((info) => fn(info.update, [...(info.peers?.users?.values() ?? [])])),
        importContact: (c, phone, first) => c.tg.call({
            _: 'contacts.importContacts',
            contacts: [{ _: 'inputPhoneContact', clientId: Long.ONE, phone, firstName: first, lastName: '' }],
        }),
        uploadProfilePhoto: async (c, path) => {
            const up = await c.tg.uploadFile({ file: path });
            return c.tg.call({ _: 'photos.uploadProfilePhoto', file: up.inputFile });
        },
        downloadBig: async (c, id, hash) => {
            const [user] = await c.tg.getUsers([{ _: 'inputUser', userId: Number(id), accessHash: Long.fromString(hash) }]);
            if (!user?.photo) throw new Error(`tg.getUsers(A) has no photo: ${JSON.stringify(user?.raw?.photo ?? null)}`);
            return { user: user.raw, bytes: await c.tg.downloadAsBuffer(user.photo.big) };
        },
        userPhotos: (c) => c.tg.call({ _: 'photos.getUserPhotos', userId: SELF, offset: 0, maxId: Long.ZERO, limit: 100 }),
        deletePhotos: (c, p) => c.tg.call({
            _: 'photos.deletePhotos', id: [{ _: 'inputPhoto', id: p.id, accessHash: p.accessHash, fileReference: p.fileReference }],
        }),
        self: async (c) => (await c.tg.call({ _: 'users.getUsers', id: [SELF] }))[0],
        finish: () => cute.destroyAllAndFinish(),
    });
});
