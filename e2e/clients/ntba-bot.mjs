// node-telegram-bot-api (npm `node-telegram-bot-api` 2.1.0, the v2 rewrite), unmodified, against Portrait's Bot API
// endpoint: new Api(token, {apiRoot, maxRetries: 0}) and its methods (one params object each), in the flow of
// lib/bot-api.mjs. It sends urlencoded forms, and uploads as a multipart/form-data body streamed through Node's fetch
// (chunked, no Content-Length), the InputFile nested in InputProfilePhoto hoisted to attach://media_0. By default it
// retries 5xx answers and network errors twice; maxRetries 0 makes a server error show at once.
//
//   node clients/ntba-bot.mjs --host 127.0.0.1 --port 2443 --key '{...}' --api-root http://127.0.0.1:8081 \
//       --token "$(./portrait bot add ...)" --user USER_ID --images DIR --out DIR --wrong-token 123:abc
//
// Prints one JSON line on stdout (see lib/harness.mjs and lib/bot-api.mjs).

import './lib/harness.mjs'; // first: console output goes to stderr
import { startBotApiRecorder, runBotApiFlow, installedVersion } from './lib/bot-api.mjs';
import { Api, InputFile, TelegramApiError } from 'node-telegram-bot-api';

const version = installedVersion('node-telegram-bot-api');

const rec = startBotApiRecorder('node-telegram-bot-api');
rec.catchUnhandled();
rec.armTimeout();

rec.run(() => runBotApiFlow(rec, {
    library: 'node-telegram-bot-api',
    version,
    api: (token) => new Api(token, { apiRoot: rec.apiRoot, maxRetries: 0 }),
    getMe: (api) => api.getMe(),
    setStatic: (api, bytes) => api.setMyProfilePhoto({
        photo: { type: 'static', photo: new InputFile(new Uint8Array(bytes), { filename: 'p.jpg', contentType: 'image/jpeg' }) },
    }),
    setAnimated: (api, bytes, ts) => api.setMyProfilePhoto({
        photo: {
            type: 'animated',
            animation: new InputFile(new Uint8Array(bytes), { filename: 'a.mp4', contentType: 'video/mp4' }),
            main_frame_timestamp: ts,
        },
    }),
    photos: (api, userId, other) => api.getUserProfilePhotos({ user_id: userId, ...other }),
    getFile: (api, fileId) => api.getFile({ file_id: fileId }),
    remove: (api) => api.removeMyProfilePhoto(),
    // Api.request is public: any method name
    unknownMethod: (api) => api.request('frobnicateProfile', { user_id: 1 }),
    errorOf: (e) => (e instanceof TelegramApiError ? { error_code: e.errorCode, description: e.description } : null),
}));
