package dev.azbuild.registry;

/**
 * Outcome of {@link Registry#copy}.
 *
 * @param digest the manifest digest, the same on source and target
 * @param bytesCopied blob bytes streamed from source to target
 * @param blobsCopied blobs streamed
 * @param blobsSkipped blobs the target already had or mounted from another repository
 */
public record CopyResult(String digest, long bytesCopied, int blobsCopied, int blobsSkipped) {}
