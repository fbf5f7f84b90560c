# Debian's Telethon (python3-telethon 1.25.1, layer 144: the Python client a Linux distribution ships) manages its
# profile photos on a Portrait test-mode server in its own layer (M10):
#  - A signs up, uploads two JPEGs (photos.UploadProfilePhoto), lists them (photos.GetUserPhotos), makes the first one
#    current again (photos.UpdateProfilePhoto) and downloads every size of it (client.download_media with each
#    thumb) and its small and big profile photo (client.download_profile_photo);
#  - B signs up, imports A by phone and sees A's current photo; A deletes both photos (photos.DeletePhotos).
#
#   PORTRAIT_ADDRESS=127.0.0.1:2443 PORTRAIT_KEY="$(./portrait key --json)" /usr/bin/python3 clients/telethon-layers.py \
#       9996681441,9996681442 photo1.jpg photo2.jpg
#
# Prints one JSON line on stdout (version, layer, what each step saw); logs go to stderr.
import asyncio
import json
import os
import sys

import rsa
import telethon
from telethon import TelegramClient, errors, functions, types
from telethon.crypto import rsa as telethon_rsa
from telethon.sessions import MemorySession
from telethon.tl.alltlobjects import LAYER

host, port = os.environ['PORTRAIT_ADDRESS'].rsplit(':', 1)
key = json.loads(os.environ['PORTRAIT_KEY'])
phone_a, phone_b = sys.argv[1].split(',')
images = sys.argv[2:4]
telethon_rsa.add_key(rsa.PublicKey(int(key['n'], 16), key['e']).save_pkcs1().decode(), old=False)

result = {'version': telethon.__version__, 'layer': LAYER, 'steps': {}}


def jpeg(data):
    return isinstance(data, (bytes, bytearray)) and len(data) > 100 and data[:2] == b'\xff\xd8'


def log(*args):
    print(*args, file=sys.stderr, flush=True)


async def step(name, coro):
    value = await asyncio.wait_for(coro, 60)
    result['steps'][name] = value
    log(name, json.dumps(value))
    return value


async def new_client():
    session = MemorySession()
    session.set_dc(2, host, int(port))
    client = TelegramClient(session, 1, '0123456789abcdef0123456789abcdef')
    await client.connect()
    return client


async def sign_up(client, phone, first):
    sent = await client.send_code_request(phone)
    try:
        me = await client.sign_in(phone, phone[-5] * 5)
    except errors.PhoneNumberUnoccupiedError:
        # client.sign_up() refuses (Telegram lets only its own apps sign up): the raw call
        auth = await client(functions.auth.SignUpRequest(
            phone_number=phone, phone_code_hash=sent.phone_code_hash, first_name=first, last_name='Layers'))
        me = auth.user
    return {'id': me.id, 'signedUp': True}


def sizes(photo):
    return [{'type': s.type, 'w': getattr(s, 'w', None), 'h': getattr(s, 'h', None), 'kind': type(s).__name__}
            for s in photo.sizes]


async def main():
    a = await new_client()
    b = None
    try:
        await step('signUpA', sign_up(a, phone_a, 'Ada'))
        uploaded = []
        for path in images:
            file = await a.upload_file(path)
            r = await a(functions.photos.UploadProfilePhotoRequest(file=file))
            uploaded.append(r.photo)
        result['steps']['upload'] = {'ids': [str(p.id) for p in uploaded], 'sizes': sizes(uploaded[0])}
        await step('getUserPhotos', _list(a))
        first = uploaded[0]

        async def update():
            r = await a(functions.photos.UpdateProfilePhotoRequest(
                id=types.InputPhoto(id=first.id, access_hash=first.access_hash, file_reference=first.file_reference)))
            me = await a.get_me()
            return {'kind': type(r).__name__, 'id': str(r.photo.id), 'meNow': str(me.photo.photo_id)}
        await step('updateProfilePhoto', update())

        async def downloads():
            current = (await a(functions.photos.GetUserPhotosRequest(
                user_id=types.InputUserSelf(), offset=0, max_id=0, limit=10))).photos[0]
            out = {'photoId': str(current.id), 'sizes': {}}
            for s in current.sizes:
                if isinstance(s, types.PhotoSize):
                    data = await a.download_media(current, file=bytes, thumb=s)
                    out['sizes'][s.type] = {'jpeg': jpeg(data), 'bytes': len(data), 'size': s.size}
            small = await a.download_profile_photo('me', file=bytes, download_big=False)
            big = await a.download_profile_photo('me', file=bytes, download_big=True)
            out['profileSmall'] = {'jpeg': jpeg(small), 'bytes': len(small or b'')}
            out['profileBig'] = {'jpeg': jpeg(big), 'bytes': len(big or b'')}
            return out
        await step('downloads', downloads())

        b = await new_client()
        await step('signUpB', sign_up(b, phone_b, 'Bob'))

        async def b_sees_a():
            imported = await b(functions.contacts.ImportContactsRequest(contacts=[
                types.InputPhoneContact(client_id=1, phone=phone_a, first_name='Ada', last_name='')]))
            u = imported.users[0]
            [full] = await b(functions.users.GetUsersRequest(id=[types.InputUser(u.id, u.access_hash)]))
            data = await b.download_profile_photo(full, file=bytes, download_big=True)
            return {'photoId': str(full.photo.photo_id), 'bigJpeg': jpeg(data)}
        await step('bSeesA', b_sees_a())

        async def delete():
            photos = (await a(functions.photos.GetUserPhotosRequest(
                user_id=types.InputUserSelf(), offset=0, max_id=0, limit=10))).photos
            deleted = await a(functions.photos.DeletePhotosRequest(id=[
                types.InputPhoto(id=p.id, access_hash=p.access_hash, file_reference=p.file_reference) for p in photos]))
            left = await _list(a)
            return {'deleted': [str(d) for d in deleted], 'left': len(left['ids'])}
        await step('delete', delete())
        result['ok'] = True
    except Exception as e:  # reported in the JSON; the Java test says which step
        result['ok'] = False
        result['error'] = f'{type(e).__name__}: {e}'
        log('failed:', result['error'])
    finally:
        await a.disconnect()
        if b is not None:
            await b.disconnect()
    print(json.dumps(result), flush=True)


async def _list(client):
    r = await client(functions.photos.GetUserPhotosRequest(user_id=types.InputUserSelf(), offset=0, max_id=0, limit=10))
    return {'kind': type(r).__name__, 'ids': [str(p.id) for p in r.photos]}


asyncio.run(main())
