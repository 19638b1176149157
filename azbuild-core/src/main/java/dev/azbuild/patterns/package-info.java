/**
 * {@code .rebuild_patterns}: POSIX extended regular expressions matched the way {@code grep -E}
 * matches them.
 *
 * <p>{@link dev.azbuild.patterns.RebuildPatterns} reads a file (comments, blank lines, CRLF, BOM)
 * and matches changed paths; {@link dev.azbuild.patterns.EreTranslator} turns one ERE into a Java
 * regex with GNU grep's semantics (bracket expressions, POSIX classes, back-references, leftmost
 * longest where it matters) and refuses what it cannot translate with an {@link
 * dev.azbuild.patterns.UnsupportedEreException}. Plain JDK.
 */
package dev.azbuild.patterns;
