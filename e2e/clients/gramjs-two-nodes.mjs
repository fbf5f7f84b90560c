// gramjs (npm `telegram` 2.26.22, layer 198) against several Portrait nodes behind one address (TwoNodesRealClientsTest:
// a TCP proxy in front of two nodes sharing PostgreSQL and S3, routing as the script says). Accounts A and B sign up on two clients,
// become mutual contacts (contacts.ImportContacts both ways); A uploads a profile photo (client.uploadFile on gramjs's
// exported sender, a second connection with the same auth key, + photos.UploadProfilePhoto); B's
// addEventHandler(fn, new Raw({})) gets updateUser(A) live; B downloads A's big photo (client.downloadProfilePhoto
// with {isBig: true}); A uploads a second photo and deletes it (photos.DeletePhotos). The flow is lib/two-nodes.mjs.
//
//   node clients/gramjs-two-nodes.mjs --host 127.0.0.1 --port 2443 --key "$(./portrait key --data-dir D --json)" \
//        --phones 9996651001,9996651002 --images DIR --out DIR
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/two-nodes.mjs); logs go to stderr.

import { runTwoNodes, startTwoNodesRecorder } from './lib/two-nodes.mjs';
import {
    Api, CustomFile, Raw, LAYER, version, bigInt, kindOf, gramjsHarness, signUp as signUpAs,
} from './lib/gramjs-client.mjs';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

const rec = startTwoNodesRecorder('gramjs');
rec.catchUnhandled();
rec.armTimeout();

// closes gramjs asked for (its exported sender for uploads and downloads) are counted, others are errors
const gram = gramjsHarness(rec, { clientCloses: true });
const inputUser = (id, hash) => new Api.InputUser({ userId: bigInt(id), accessHash: bigInt(hash) });
const SELF = new Api.InputUserSelf();

rec.run(async () => {
    rec.result.layer = LAYER;
    rec.result.version = version;
    await runTwoNodes(rec, {
        kindOf,
        newClient: (label) => gram.newClient(label),
        signUp: async (c, phone, first) => {
            const { onErrors, ...account } = await signUpAs(c, phone, first, 'Nodes');
            return account;
        },
        watchCalls: (c, calls) => {
            // gramjs's own requests (updates.GetState, ...) go through client.invoke too
            const invoke = c.client.invoke.bind(c.client);
            c.client.invoke = (request, ...rest) => calls.track(request?.className, invoke(request, ...rest));
        },
        onUpdate: (c, fn) => c.client.addEventHandler((u) => fn(u, [...(u._entities?.values() ?? [])]), new Raw({})),
        importContact: (c, phone, first) => c.client.invoke(new Api.contacts.ImportContacts({
            contacts: [new Api.InputPhoneContact({ clientId: bigInt(1), phone, firstName: first, lastName: '' })],
        })),
        uploadProfilePhoto: async (c, path) => {
            const file = await c.client.uploadFile({ file: new CustomFile(basename(path), statSync(path).size, path), workers: 1 });
            return c.client.invoke(new Api.photos.UploadProfilePhoto({ file }));
        },
        downloadBig: async (c, id, hash) => {
            const [user] = await c.client.invoke(new Api.users.GetUsers({ id: [inputUser(id, hash)] }));
            return { user, bytes: await c.client.downloadProfilePhoto(user, { isBig: true }) };
        },
        userPhotos: (c) => c.client.invoke(new Api.photos.GetUserPhotos({ userId: SELF, offset: 0, maxId: bigInt(0), limit: 100 })),
        deletePhotos: (c, p) => c.client.invoke(new Api.photos.DeletePhotos({
            id: [new Api.InputPhoto({ id: p.id, accessHash: p.accessHash, fileReference: p.fileReference })],
        })),
        self: async (c) => (await c.client.invoke(new Api.users.GetUsers({ id: [SELF] })))[0],
        finish: () => gram.disconnectAllAndFinish(),
    });
});
