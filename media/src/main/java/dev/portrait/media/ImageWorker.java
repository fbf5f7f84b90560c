package dev.portrait.media;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker process of {@link IsolatedImageEngine}: reads jobs from stdin and writes their answers to stdout, one at a
 * time, with the engine named by its argument; exits when stdin closes (its parent has gone). Logs go to stderr. It
 * says it is ready (one byte, {@link #READY}) once its engine is loaded.
 *
 * <p>A job: the limits (long maxPixels, int minSide, double maxAspectRatio, int maxJpegScans) and the source (int
 * length, bytes). An answer: byte 0 and the images (format name; int count and per size type, width, height, int
 * length, bytes; int length and the stripped bytes), or byte 1 and the MediaException (rpc error, detail).
 */
public final class ImageWorker {
    static final int READY = 'R';

    private ImageWorker() {
    }

    public static void main(String[] args) throws IOException {
        // stdout carries the answers: whatever else would print there (a logger's console) goes to stderr
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        ImageEngine engine = ImageEngines.direct(args.length > 0 ? args[0] : "auto");
        out.writeByte(READY); // started: from here on the parent counts CPU time against jobs
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        while (true) {
            ImageLimits limits;
            byte[] source;
            try {
                limits = new ImageLimits(in.readLong(), in.readInt(), in.readDouble(), in.readInt());
                source = new byte[in.readInt()];
                in.readFully(source);
            } catch (EOFException e) {
                return;
            }
            try {
                write(out, engine.profilePhoto(source, limits));
            } catch (MediaException e) {
                out.writeByte(1);
                out.writeUTF(e.rpcError());
                out.writeUTF(String.valueOf(e.getMessage()));
            }
            out.flush();
        }
    }

    static void writeJob(DataOutputStream out, byte[] source, ImageLimits limits) throws IOException {
        out.writeLong(limits.maxPixels());
        out.writeInt(limits.minSide());
        out.writeDouble(limits.maxAspectRatio());
        out.writeInt(limits.maxJpegScans());
        out.writeInt(source.length);
        out.write(source);
        out.flush();
    }

    private static void write(DataOutputStream out, ProfilePhotoImages images) throws IOException {
        out.writeByte(0);
        out.writeUTF(images.sourceFormat().name());
        out.writeInt(images.sizes().size());
        for (SizedJpeg s : images.sizes()) {
            out.writeUTF(s.type());
            out.writeInt(s.width());
            out.writeInt(s.height());
            out.writeInt(s.jpeg().length);
            out.write(s.jpeg());
        }
        out.writeInt(images.stripped().length);
        out.write(images.stripped());
    }

    /** An answer as {@link #main} writes it; lengths are checked against {@code maxBytes} before anything is allocated. */
    static ProfilePhotoImages readAnswer(DataInputStream in, int maxBytes) throws IOException, MediaException {
        if (in.readByte() != 0) throw new MediaException(in.readUTF(), in.readUTF());
        ImageFormat format = ImageFormat.valueOf(in.readUTF());
        int count = in.readInt();
        if (count < 0 || count > Sizes.TYPES.length) throw new IOException("bad answer: " + count + " sizes");
        List<SizedJpeg> sizes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = in.readUTF();
            int width = in.readInt();
            int height = in.readInt();
            sizes.add(new SizedJpeg(type, width, height, bytes(in, maxBytes)));
        }
        return new ProfilePhotoImages(format, sizes, bytes(in, maxBytes));
    }

    private static byte[] bytes(DataInputStream in, int maxBytes) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxBytes) throw new IOException("bad answer: " + length + " bytes");
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
