package dev.azbuild.render;

/** An upstream image module and a module built from it (or depending on it). */
public record GraphEdge(String upstream, String downstream) {}
