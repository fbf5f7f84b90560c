// A corpus of TL objects relevant to a profile-photo server, built DIRECTLY with
// gramjs's constructors (new Api.X({...})) — not through the canonical converter —
// so that the canonical converter can be checked against it.

// Set by buildCorpus() from the gramjs instance (GramCodec) to build with.
let Api;
let L; // long / int128 / int256 as gramjs holds them (big-integer)
const hex = (h) => Buffer.from(h, 'hex');

/** Deterministic pseudo-random bytes (xorshift32) of the given length. */
export function patternBytes(len, seed = 1) {
  const b = Buffer.alloc(len);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

// A realistic stripped thumbnail: 0x01, height, width, then the JPEG body tail.
const STRIPPED_253 = Buffer.concat([hex('012828'), patternBytes(250, 7)]);

function strippedSize() {
  return new Api.PhotoStrippedSize({ type: 'i', bytes: STRIPPED_253 });
}

function fullPhoto() {
  return new Api.Photo({
    hasStickers: true,
    id: L('-6917529027641081856'),
    accessHash: L('8070450532247928831'),
    fileReference: hex('00655e2f0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
    date: 1718000000,
    sizes: [
      strippedSize(),
      new Api.PhotoSize({ type: 'a', w: 160, h: 160, size: 10234 }),
      new Api.PhotoSize({ type: 'b', w: 320, h: 320, size: 29876 }),
      new Api.PhotoSizeProgressive({ type: 'c', w: 640, h: 640, sizes: [5120, 12288, 30117, 48000, 61234] }),
    ],
    videoSizes: [
      new Api.VideoSize({ type: 'u', w: 640, h: 640, size: 345678, videoStartTs: 1.5 }),
      new Api.VideoSizeEmojiMarkup({
        emojiId: L('5368324170671202286'),
        backgroundColors: [16777215, 0, -1, 3447003],
      }),
    ],
    dcId: 2,
  });
}

function plainPhoto() {
  return new Api.Photo({
    id: L('1'),
    accessHash: L('-1'),
    fileReference: Buffer.alloc(0),
    date: 0,
    sizes: [new Api.PhotoSize({ type: 'a', w: 160, h: 160, size: 0 })],
    dcId: 1,
  });
}

function profilePhoto() {
  return new Api.UserProfilePhoto({
    hasVideo: true,
    personal: true,
    photoId: L('-6917529027641081856'),
    strippedThumb: hex('010203'),
    dcId: 2,
  });
}

function richUser() {
  return new Api.User({
    contact: true,
    mutualContact: true,
    premium: true,
    closeFriend: true,
    storiesHidden: true,
    id: L('7000000001'),
    accessHash: L('-8070450532247928832'),
    firstName: 'Жанна 🙂',
    lastName: 'Ли',
    username: 'zhanna',
    phone: '79991234567',
    photo: profilePhoto(),
    status: new Api.UserStatusOffline({ wasOnline: 1717999000 }),
    langCode: 'ru',
    emojiStatus: new Api.EmojiStatus({ documentId: L('5395444784611480792'), until: 1893456000 }),
    usernames: [
      new Api.Username({ editable: true, active: true, username: 'zhanna' }),
      new Api.Username({ active: true, username: 'zh_alt' }),
      new Api.Username({ username: 'zh_inactive' }),
    ],
    storiesMaxId: 7,
    color: new Api.PeerColor({ color: 5, backgroundEmojiId: L('-2') }),
  });
}

function botUser() {
  return new Api.User({
    bot: true,
    verified: true,
    botNochats: true,
    botInlineGeo: true,
    restricted: true, // shares flags.18 with restriction_reason
    id: L('93372553'),
    accessHash: L('1'),
    firstName: 'Avatar Bot',
    username: 'avatar_bot',
    photo: new Api.UserProfilePhotoEmpty(),
    botInfoVersion: 3,
    botInlinePlaceholder: '',
    restrictionReason: [new Api.RestrictionReason({ platform: 'all', reason: 'porn', text: 'Ограничено' })],
    botActiveUsers: 12345,
  });
}

function minimalUser() {
  // no photo, no access_hash: as seen for a `min` user
  return new Api.User({ min: true, id: L('42'), firstName: 'x' });
}

function inputFile() {
  return new Api.InputFile({
    id: L('-42'),
    parts: 3,
    name: 'аватар.jpg',
    md5Checksum: 'd41d8cd98f00b204e9800998ecf8427e',
  });
}

function inputFileBig() {
  return new Api.InputFileBig({ id: L('9223372036854775807'), parts: 3000, name: 'video.mp4' });
}

function inputPeerPhotoFileLocation() {
  return new Api.InputPeerPhotoFileLocation({
    big: true,
    peer: new Api.InputPeerUser({ userId: L('7000000001'), accessHash: L('-8070450532247928832') }),
    photoId: L('-6917529027641081856'),
  });
}

function emojiMarkup() {
  return new Api.VideoSizeEmojiMarkup({ emojiId: L('-9223372036854775808'), backgroundColors: [] });
}

function dcOptions() {
  return [
    new Api.DcOption({ id: 1, ipAddress: '149.154.175.53', port: 443 }),
    new Api.DcOption({ ipv6: true, id: 1, ipAddress: '2001:b28:f23d:f001::a', port: 443 }),
    new Api.DcOption({ mediaOnly: true, id: 2, ipAddress: '149.154.167.222', port: 443 }),
    new Api.DcOption({ static: true, thisPortOnly: true, id: 4, ipAddress: '127.0.0.1', port: 8443 }),
    new Api.DcOption({ cdn: true, tcpoOnly: true, id: 203, ipAddress: '91.105.192.100', port: 443, secret: hex('dd') }),
  ];
}

function config() {
  return new Api.Config({
    defaultP2pContacts: true,
    revokePmInbox: true,
    forceTryIpv6: true,
    date: 1718000000,
    expires: 1718003600,
    testMode: false,
    thisDc: 2,
    dcOptions: dcOptions(),
    dcTxtDomainName: 'apv3.stel.com',
    chatSizeMax: 200,
    megagroupSizeMax: 200000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210000,
    offlineBlurTimeoutMs: 5000,
    offlineIdleTimeoutMs: 30000,
    onlineCloudTimeoutMs: 300000,
    notifyCloudDelayMs: 30000,
    notifyDefaultDelayMs: 1500,
    pushChatPeriodMs: 60000,
    pushChatLimit: 2,
    editTimeLimit: 172800,
    revokeTimeLimit: 2147483647,
    revokePmTimeLimit: 2147483647,
    ratingEDecay: 2419200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604800,
    tmpSessions: 5,
    callReceiveTimeoutMs: 20000,
    callRingTimeoutMs: 90000,
    callConnectTimeoutMs: 30000,
    callPacketTimeoutMs: 10000,
    meUrlPrefix: 'https://t.me/',
    gifSearchUsername: 'gif',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: 4,
    suggestedLangCode: 'ru',
    langPackVersion: 0,
    baseLangPackVersion: -1,
    reactionsDefault: new Api.ReactionEmoji({ emoticon: '👍' }),
    autologinToken: '',
  });
}

/**
 * @param {import('./canonical.mjs').GramCodec} codec the gramjs instance to build with
 * @returns {{label:string, obj:any}[]}
 */
export function buildCorpus(codec) {
  Api = codec.Api;
  L = (s) => codec.bigInt(s);
  const items = [];
  const add = (label, obj) => items.push({ label, obj });

  // --- photos and sizes
  add('photoSize', new Api.PhotoSize({ type: 'a', w: 160, h: 160, size: 10234 }));
  add('photoStrippedSize 253 bytes', strippedSize());
  add('photoCachedSize 254 bytes', new Api.PhotoCachedSize({ type: 's', w: 90, h: 90, bytes: patternBytes(254, 3) }));
  add('photoSizeProgressive', new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 1280, sizes: [1234, 5678, 23456, 123456] }));
  add('videoSize', new Api.VideoSize({ type: 'u', w: 800, h: 800, size: 1048576, videoStartTs: -0.25 }));
  add('videoSizeEmojiMarkup', new Api.VideoSizeEmojiMarkup({ emojiId: L('5368324170671202286'), backgroundColors: [16777215, 0, -1, 3447003] }));
  add('photo full', fullPhoto());
  add('photoEmpty', new Api.PhotoEmpty({ id: L('-9223372036854775808') }));
  add('photos.photo', new Api.photos.Photo({ photo: fullPhoto(), users: [richUser()] }));
  add('photos.photos', new Api.photos.Photos({ photos: [fullPhoto(), new Api.PhotoEmpty({ id: L('0') }), plainPhoto()], users: [] }));
  add('photos.photosSlice', new Api.photos.PhotosSlice({ count: 250, photos: [plainPhoto()], users: [botUser(), new Api.UserEmpty({ id: L('5') })] }));

  // --- users
  add('user rich', richUser());
  add('user bot, photo empty', botUser());
  add('user min, no photo', minimalUser());
  add('userEmpty', new Api.UserEmpty({ id: L('-1') }));
  add('userProfilePhoto', profilePhoto());
  add('userProfilePhoto no thumb', new Api.UserProfilePhoto({ photoId: L('123'), dcId: 4 }));
  add('userProfilePhotoEmpty', new Api.UserProfilePhotoEmpty());
  add('users.userFull', new Api.users.UserFull({
    fullUser: new Api.UserFull({
      phoneCallsAvailable: true,
      videoCallsAvailable: true,
      readDatesPrivate: true,
      sponsoredEnabled: true,
      id: L('7000000001'),
      // 254 UTF-8 bytes: 127 two-byte Cyrillic letters -> long string form
      about: 'Я'.repeat(127),
      settings: new Api.PeerSettings({ addContact: true, blockContact: true, requestChatTitle: 'Канал', requestChatDate: 1700000000 }),
      personalPhoto: plainPhoto(),
      profilePhoto: fullPhoto(),
      fallbackPhoto: new Api.PhotoEmpty({ id: L('77') }),
      notifySettings: new Api.PeerNotifySettings({ showPreviews: true, silent: false, muteUntil: 0 }),
      pinnedMsgId: 10,
      commonChatsCount: 3,
      ttlPeriod: 86400,
      themeEmoticon: '🌚',
      birthday: new Api.Birthday({ day: 29, month: 2, year: 2000 }),
      personalChannelId: L('1000000000001'),
      personalChannelMessage: 55,
    }),
    chats: [],
    users: [richUser()],
  }));

  // --- files
  add('upload.file 70000 bytes', new Api.upload.File({ type: new Api.storage.FileJpeg(), mtime: 1718000123, bytes: patternBytes(70000, 11) }));
  add('inputPhoto', new Api.InputPhoto({ id: L('-6917529027641081856'), accessHash: L('8070450532247928831'), fileReference: Buffer.alloc(0) }));
  add('inputFile', inputFile());
  add('inputFileBig', inputFileBig());
  add('inputPhotoFileLocation', new Api.InputPhotoFileLocation({ id: L('1'), accessHash: L('2'), fileReference: hex('ff'), thumbSize: 'c' }));
  add('inputPeerPhotoFileLocation', inputPeerPhotoFileLocation());

  // --- config, updates, messages, privacy
  add('config', config());
  add('updateUser', new Api.UpdateUser({ userId: L('7000000001') }));
  add('updateShort', new Api.UpdateShort({ update: new Api.UpdateUser({ userId: L('42') }), date: 1718000001 }));
  add('updates', new Api.Updates({
    updates: [new Api.UpdateUser({ userId: L('7000000001') }), new Api.UpdateUserName({
      userId: L('7000000001'), firstName: 'Жанна 🙂', lastName: '', usernames: [new Api.Username({ active: true, username: 'zhanna' })],
    })],
    users: [richUser()],
    chats: [],
    date: 1718000002,
    seq: 0,
  }));
  add('messageService suggestProfilePhoto', new Api.MessageService({
    out: true,
    silent: true,
    id: 1001,
    fromId: new Api.PeerUser({ userId: L('7000000001') }),
    peerId: new Api.PeerUser({ userId: L('42') }),
    date: 1718000003,
    action: new Api.MessageActionSuggestProfilePhoto({ photo: fullPhoto() }),
    ttlPeriod: 3600,
  }));
  add('account.privacyRules', new Api.account.PrivacyRules({
    rules: [
      new Api.PrivacyValueAllowContacts(),
      new Api.PrivacyValueAllowUsers({ users: [L('7000000001'), L('-3'), L('0')] }),
      new Api.PrivacyValueDisallowChatParticipants({ chats: [L('1000000000001')] }),
      new Api.PrivacyValueDisallowAll(),
    ],
    chats: [],
    users: [richUser(), botUser()],
  }));

  // --- requests
  add('photos.uploadProfilePhoto', new Api.photos.UploadProfilePhoto({
    fallback: true,
    file: inputFile(),
    video: inputFileBig(),
    videoStartTs: 1.5,
  }));
  add('photos.uploadProfilePhoto bot + emoji markup', new Api.photos.UploadProfilePhoto({
    bot: new Api.InputUser({ userId: L('93372553'), accessHash: L('1') }),
    videoEmojiMarkup: emojiMarkup(),
  }));
  add('photos.updateProfilePhoto', new Api.photos.UpdateProfilePhoto({
    id: new Api.InputPhoto({ id: L('-6917529027641081856'), accessHash: L('8070450532247928831'), fileReference: hex('00655e2f') }),
  }));
  add('photos.uploadContactProfilePhoto', new Api.photos.UploadContactProfilePhoto({
    suggest: true,
    userId: new Api.InputUser({ userId: L('42'), accessHash: L('-42') }),
    file: inputFile(),
    videoEmojiMarkup: new Api.VideoSizeEmojiMarkup({ emojiId: L('5368324170671202286'), backgroundColors: [1, 2, 3, 4] }),
  }));
  add('upload.saveFilePart 300 bytes', new Api.upload.SaveFilePart({ fileId: L('-42'), filePart: 0, bytes: patternBytes(300, 5) }));
  add('upload.getFile', new Api.upload.GetFile({
    precise: true,
    cdnSupported: true,
    location: inputPeerPhotoFileLocation(),
    offset: L('1048576'),
    limit: 524288,
  }));
  add('users.getFullUser', new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
  add('invokeWithLayer(initConnection(help.getConfig))', new Api.InvokeWithLayer({
    layer: 198,
    query: new Api.InitConnection({
      apiId: 2040,
      deviceModel: 'Pixel 8',
      systemVersion: 'Android 14',
      appVersion: '11.0.0',
      systemLangCode: 'ru-RU',
      langPack: 'android',
      langCode: 'ru',
      proxy: new Api.InputClientProxy({ address: 'proxy.example', port: 1080 }),
      params: new Api.JsonObject({
        value: [
          new Api.JsonObjectValue({ key: 'tz_offset', value: new Api.JsonNumber({ value: 10800 }) }),
          new Api.JsonObjectValue({ key: 'ratio', value: new Api.JsonNumber({ value: 1.5 }) }),
          new Api.JsonObjectValue({ key: 'name', value: new Api.JsonString({ value: 'Жанна 🙂' }) }),
        ],
      }),
      query: new Api.help.GetConfig(),
    }),
  }));

  // --- MTProto handshake object: int128 + Vector<long> + string-as-bytes
  add('resPQ', new Api.ResPQ({
    nonce: L('-1'),
    serverNonce: L('170141183460469231731687303715884105727'),
    pq: hex('17ed48941a08f981'),
    serverPublicKeyFingerprints: [L('-4344800451088585951'), L('847625836280919973')],
  }));
  return items;
}
