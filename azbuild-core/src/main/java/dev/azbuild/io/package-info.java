/**
 * Small shared utilities with no domain knowledge: atomic file writes, the bounded pool for
 * parallel registry requests, the one JSON mapper.
 */
package dev.azbuild.io;
