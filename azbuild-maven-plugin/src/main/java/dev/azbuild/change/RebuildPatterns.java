package dev.azbuild.change;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Pattern;
/** TEMPORARY STUB, replaced by the patterns branch. */
public final class RebuildPatterns {
  public record Match(String path, String pattern) {}
  private final List<String> sources; private final List<Pattern> ps; private final boolean def; private final Path file;
  private RebuildPatterns(Path f, List<String> s, boolean d){file=f;sources=s;def=d;ps=s.stream().map(Pattern::compile).toList();}
  public static RebuildPatterns read(Path file) throws java.io.IOException, InvalidRebuildPatternException { return parse(file.toString(), java.nio.file.Files.readString(file)); }
  public static RebuildPatterns parse(String name, String content) throws InvalidRebuildPatternException {
    return new RebuildPatterns(null, Arrays.stream(content.split("\r?\n")).filter(l->!l.isBlank() && !l.startsWith("#")).toList(), false); }
  public static RebuildPatterns defaults(String dir){ return new RebuildPatterns(null, List.of(dir.isEmpty()?"^":"^"+dir+"/"), true);}
  public Path file(){return file;}
  public List<String> sources(){return sources;}
  public boolean isEmpty(){return sources.isEmpty();}
  public boolean isDefault(){return def;}
  public boolean matches(String p){ return ps.stream().anyMatch(x->x.matcher(p).find());}
  public Optional<Match> firstMatch(Iterable<String> paths){ for(String p:paths) for(int i=0;i<ps.size();i++) if(ps.get(i).matcher(p).find()) return Optional.of(new Match(p, sources.get(i))); return Optional.empty();}
}
