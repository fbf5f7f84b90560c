package dev.portrait.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portrait.botapi.BotApi;
import dev.portrait.client.ClientOptions;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.portrait.client.MtprotoClient.await;

/**
 * The M11 target: one read of a user's profile photo by a bot, over the Bot API and over MTProto, against an
 * in-process server. A user uploads a 1280x1280 JPEG; then N clients repeat, for as long as asked:
 * <ul>
 * <li>bot-api: getUserProfilePhotos(user_id) → getFile(the biggest size's file_id) → GET /file/bot&lt;token&gt;/path
 * (java.net.http, one HTTP/1.1 client per worker, a bot token each);</li>
 * <li>mtproto: photos.getUserPhotos(user) → upload.getFile of the biggest size in 1 MB requests (the Java client,
 * signed in as a bot each).</li>
 * </ul>
 * Prints reads per second and their latency. Pin it to one core to compare per core:
 * {@code taskset -c 1 java -cp bench/target/benchmarks.jar dev.portrait.bench.BotApiLoad [clients] [seconds] [bot-api|mtproto|both]}
 */
public final class BotApiLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 20;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String which = args.length > 2 ? args[2] : "both";
        ServerConfig config = LoadRuns.loopback(LoadRuns.tempDir("portrait-botapi-load")).withTestMode(true);
        try (PortraitServer server = PortraitServer.start(config);
             BotApi api = BotApi.attach(new BotApi.Options("127.0.0.1", 0), server)) {
            ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
            MtprotoClient owner = UploadProfilePhotoLoad.signUp(options, "9996600200");
            Photo photo = (Photo) ((PhotosPhoto) await(owner.invoke(PhotosUploadProfilePhoto.builder()
                    .file(FileTransfer.upload(owner, UploadProfilePhotoLoad.photo(1280), "p.jpg")).build()))).photo();
            User me = (User) await(owner.invoke(new AccountUpdateUsername("load_owner")));
            Administration admin = new Administration(server.store());
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                UserRecord bot = admin.addBot("9996600200", "load" + i + "_bot", "Load " + i);
                tokens.add(bot.id() + ":" + bot.botSecret());
            }
            int biggest = photo.sizes().stream().filter(s -> s instanceof PhotoSize).mapToInt(s -> ((PhotoSize) s).size()).max().orElseThrow();
            System.out.printf("clients=%d seconds=%d biggest size=%d bytes%n", clients, seconds, biggest);
            if (!which.equals("mtproto")) {
                List<HttpClient> http = new ArrayList<>();
                for (int i = 0; i < clients; i++) http.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
                LoadRuns.Step step = (client, series) -> botApiRead(http.get(client), api.url(), tokens.get(client), me.id(), biggest, series);
                LoadRuns.run(clients, 5, 1, step);
                report("bot-api", LoadRuns.run(clients, seconds, 1, step).getFirst());
            }
            if (!which.equals("bot-api")) {
                List<MtprotoClient> conns = new ArrayList<>();
                List<InputUser> users = new ArrayList<>();
                for (String token : tokens) {
                    MtprotoClient c = MtprotoClient.connect(options, null);
                    await(c.invoke(new AuthImportBotAuthorization(0, 1, "0123456789abcdef0123456789abcdef", token)));
                    // a bot learns the user's access_hash for itself as a bot does: by resolving its username
                    User u = (User) ((ContactsResolvedPeer) await(c.invoke(new ContactsResolveUsername("load_owner", null)))).users().getFirst();
                    users.add(new InputUser(u.id(), u.accessHash()));
                    conns.add(c);
                }
                LoadRuns.Step step = (client, series) -> mtprotoRead(conns.get(client), users.get(client), series);
                LoadRuns.run(clients, 5, 1, step);
                report("mtproto", LoadRuns.run(clients, seconds, 1, step).getFirst());
                for (MtprotoClient c : conns) c.close();
            }
            owner.close();
        }
        System.exit(0);
    }

    private static void botApiRead(HttpClient http, String root, String token, long userId, int biggest, LoadRuns.Samples[] series)
            throws Exception {
        long start = System.nanoTime();
        JsonNode photos = call(http, root + "/bot" + token + "/getUserProfilePhotos?user_id=" + userId + "&limit=1");
        JsonNode sizes = photos.path("photos").get(0);
        String fileId = sizes.get(sizes.size() - 1).path("file_id").asText();
        String path = call(http, root + "/bot" + token + "/getFile?file_id=" + fileId).path("file_path").asText();
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(root + "/file/bot" + token + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (file.statusCode() != 200 || file.body().length != biggest) throw new IllegalStateException("download: " + file.statusCode());
        series[0].add(System.nanoTime() - start);
    }

    private static JsonNode call(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = JSON.readTree(r.body());
        if (!body.path("ok").asBoolean()) throw new IllegalStateException(url + ": " + body);
        return body.path("result");
    }

    private static void mtprotoRead(MtprotoClient c, InputUser user, LoadRuns.Samples[] series) throws Exception {
        long start = System.nanoTime();
        TypePhotosPhotos r = (TypePhotosPhotos) await(c.invoke(new PhotosGetUserPhotos(user, 0, 0, 1)));
        Photo p = (Photo) (r instanceof PhotosPhotos pp ? pp.photos() : ((PhotosPhotosSlice) r).photos()).getFirst();
        PhotoSize big = p.sizes().stream().filter(s -> s instanceof PhotoSize).map(PhotoSize.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        InputPhotoFileLocation location = new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), big.type());
        int read = 0;
        for (long offset = 0; offset < big.size(); offset += CHUNK) {
            UploadFile f = (UploadFile) await(c.invoke(UploadGetFile.builder().location(location).offset(offset).limit(CHUNK).build()));
            read += f.bytes().length;
        }
        if (read != big.size()) throw new IllegalStateException("read " + read + " of " + big.size());
        series[0].add(System.nanoTime() - start);
    }

    private static void report(String name, LoadRuns.Series reads) {
        System.out.printf("%s: reads=%d per_second=%.1f p50_ms=%.2f p99_ms=%.2f%n",
                name, reads.count(), reads.perSecond(), reads.ms(0.5), reads.ms(0.99));
    }
}
