package dev.portrait.store;

public record UploadedPart(int part, int size, String blobKey) {
}
