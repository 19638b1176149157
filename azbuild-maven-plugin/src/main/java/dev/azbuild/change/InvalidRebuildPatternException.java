package dev.azbuild.change;
/** TEMPORARY STUB. */
public class InvalidRebuildPatternException extends Exception { public InvalidRebuildPatternException(String m){super(m);} }
