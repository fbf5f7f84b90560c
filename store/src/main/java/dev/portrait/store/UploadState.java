package dev.portrait.store;

/**
 * What is known of an upload in progress; enough to check a new part without reading the others.
 *
 * @param partSize   the size of every part except the highest-numbered one; 0 while fewer than two parts are known
 * @param lastPart   the highest part number saved so far
 * @param lastSize   that part's size
 * @param totalParts big uploads: the announced total, -1 while streaming; small uploads: 0
 * @param partCount  how many distinct parts are saved
 */
public record UploadState(long userId, long fileId, boolean big, int partSize, int lastPart, int lastSize,
                          int totalParts, int partCount, int updatedAt) {
}
