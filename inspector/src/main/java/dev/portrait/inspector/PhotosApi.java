package dev.portrait.inspector;

import dev.portrait.server.admin.AccountViews;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.PhotoSizeRecord;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.TlObject;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/**
 * Accounts' photos (album, fallback, personal ones for and by the account, suggestions; every size with its
 * dimensions and bytes, and the bytes themselves; the stripped preview expanded to a JPEG), and what one account sees
 * of another, through {@link AccountViews}.
 */
final class PhotosApi {
    record Size(String type, boolean video, int w, int h, int bytes, Double videoStartTs, String url) {
    }

    record Photo(String id, String kind, long owner, long creator, int date, boolean hasVideo, String sourceFormat,
                 String stripped, List<Size> sizes) {
        static Photo of(PhotoRecord p) {
            String base = "/api/v1/photos/" + p.id();
            return new Photo(Long.toString(p.id()), p.kind(), p.ownerId(), p.creatorId(), p.date(), p.hasVideo(),
                    p.sourceFormat(), p.stripped() == null ? null : base + "/stripped.jpg",
                    p.sizes().stream().map(s -> new Size(s.type(), s.video(), s.w(), s.h(), s.size(), s.videoStartTs(),
                            base + "/sizes/" + s.type())).toList());
        }
    }

    record AccountPhotos(List<Photo> album, List<Photo> fallback, List<Photo> personalForIt, List<Photo> personalByIt,
                         List<Photo> suggestedToIt) {
    }

    private final AccountViews views;

    PhotosApi(AccountViews views) {
        this.views = views;
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/v1/accounts/{id}/photos", this::accountPhotos);
        routes.get("/api/v1/accounts/{id}/seen-by/{viewer}", this::seenBy);
        routes.get("/api/v1/accounts/{id}/contacts", this::contacts);
        routes.get("/api/v1/accounts/{id}/privacy", this::privacy);

        routes.get("/api/v1/photos/{photo}", ctx -> ctx.json(Photo.of(photo(ctx))));
        routes.get("/api/v1/photos/{photo}/sizes/{type}", this::size);
        routes.get("/api/v1/photos/{photo}/stripped.jpg", ctx -> {
            PhotoRecord p = photo(ctx);
            byte[] jpeg = views.strippedJpeg(p).orElseThrow(() -> ApiException.notFound("photo " + p.id() + " has no stripped preview"));
            ctx.contentType("image/jpeg").result(jpeg);
        });
    }

    private void accountPhotos(Context ctx) {
        AccountViews.Photos p = views.photos(Params.id(ctx, "id"));
        ctx.json(new AccountPhotos(list(p.album()), list(p.fallback()), list(p.personalForIt()), list(p.personalByIt()),
                list(p.suggestedToIt())));
    }

    private static List<Photo> list(List<PhotoRecord> photos) {
        return photos.stream().map(Photo::of).toList();
    }

    /** users.getUsers' user, users.getFullUser's full_user and photos.getUserPhotos, as the viewer gets them (TL JSON). */
    private void seenBy(Context ctx) {
        AccountViews.SeenBy s = views.seenBy(Params.id(ctx, "viewer"), Params.id(ctx, "id"));
        ctx.contentType("application/json").result("{\"user\":" + tl(s.user()) + ",\"fullUser\":" + tl(s.full())
                + ",\"photos\":" + tl(s.photos()) + "}");
    }

    record Contact(long userId, String firstName, String lastName, String phone, int addedAt, boolean mutual) {
    }

    record ContactList(List<Contact> contacts) {
    }

    private void contacts(Context ctx) {
        ctx.json(new ContactList(views.contacts(Params.id(ctx, "id")).stream().map(c -> new Contact(c.contact().userId(),
                c.contact().firstName(), c.contact().lastName(), c.contact().phone(), c.contact().addedAt(), c.mutual())).toList()));
    }

    /** Every privacy key with its rules in TL JSON, as account.getPrivacy answers them (defaults where none were set). */
    private void privacy(Context ctx) {
        StringBuilder b = new StringBuilder("{\"rules\":{");
        boolean first = true;
        for (var e : views.privacy(Params.id(ctx, "id")).entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append(Inspector.json(e.getKey())).append(":[");
            for (int i = 0; i < e.getValue().size(); i++) b.append(i > 0 ? "," : "").append(tl(e.getValue().get(i)));
            b.append(']');
        }
        ctx.contentType("application/json").result(b.append("}}").toString());
    }

    private static String tl(Object o) {
        return TlJson.toJson((TlObject) o).toString();
    }

    private void size(Context ctx) {
        PhotoRecord p = photo(ctx);
        String type = ctx.pathParam("type");
        PhotoSizeRecord s = p.sizes().stream().filter(x -> x.type().equals(type)).findFirst()
                .orElseThrow(() -> ApiException.notFound("photo " + p.id() + " has no size " + type));
        byte[] bytes = views.size(p, type, s.video())
                .orElseThrow(() -> ApiException.notFound("the file of size " + type + " is gone"));
        ctx.contentType(s.video() ? "video/mp4" : "image/jpeg").header("Cache-Control", "max-age=86400").result(bytes);
    }

    private PhotoRecord photo(Context ctx) {
        long id = Params.id(ctx, "photo");
        return views.photo(id).orElseThrow(() -> ApiException.notFound("no photo has id " + id));
    }
}
