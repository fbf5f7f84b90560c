package dev.portrait.media;

/** One size of a photo: its type letter ({@code a}, {@code b}, {@code c}, {@code d}), dimensions and JPEG bytes. */
public record SizedJpeg(String type, int width, int height, byte[] jpeg) {}
