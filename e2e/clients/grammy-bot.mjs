// grammY (npm `grammy` 1.46.0), unmodified, against Portrait's Bot API endpoint: new Bot(token, {client: {apiRoot}})
// (the API root without a trailing slash, as grammY demands) and bot.api's methods, in the flow of lib/bot-api.mjs.
// grammY sends JSON bodies, and uploads as a streamed multipart/form-data body of its own making (lower-case part
// headers without spaces, an unquoted filename, the InputFile under a random attach:// name).
//
//   node clients/grammy-bot.mjs --host 127.0.0.1 --port 2443 --key '{...}' --api-root http://127.0.0.1:8081 \
//       --token "$(./portrait bot add ...)" --user USER_ID --images DIR --out DIR --wrong-token 123:abc
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/bot-api.mjs).

import { require } from './lib/harness.mjs'; // first: console output goes to stderr
import { startBotApiRecorder, runBotApiFlow, installedVersion } from './lib/bot-api.mjs';

const { Bot, InputFile, GrammyError } = require('grammy');
const version = installedVersion('grammy');

const rec = startBotApiRecorder('grammy');
rec.catchUnhandled();
rec.armTimeout();

rec.run(() => runBotApiFlow(rec, {
    library: 'grammy',
    version,
    api: (token) => new Bot(token, { client: { apiRoot: rec.apiRoot } }).api,
    getMe: (api) => api.getMe(),
    setStatic: (api, bytes) => api.setMyProfilePhoto({ type: 'static', photo: new InputFile(bytes, 'p.jpg') }),
    setAnimated: (api, bytes, ts) => api.setMyProfilePhoto({
        type: 'animated', animation: new InputFile(bytes, 'a.mp4'), main_frame_timestamp: ts,
    }),
    photos: (api, userId, other) => api.getUserProfilePhotos(userId, other),
    getFile: (api, fileId) => api.getFile(fileId),
    remove: (api) => api.removeMyProfilePhoto(),
    // any method name goes through api.raw
    unknownMethod: (api) => api.raw.frobnicateProfile({ user_id: 1 }),
    errorOf: (e) => (e instanceof GrammyError ? { error_code: e.error_code, description: e.description } : null),
}));
