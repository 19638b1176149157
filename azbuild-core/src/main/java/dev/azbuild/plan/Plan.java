package dev.azbuild.plan;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/** The decisions for every image module of a reactor, in reactor order. */
public record Plan(
    Mode mode, String base, String head, List<ModuleDecision> modules, List<String> warnings) {

  public Plan {
    modules = modules instanceof Indexed ? modules : new Indexed(List.copyOf(modules));
    warnings = List.copyOf(warnings);
  }

  /** A module's decision; every goal execution of a 1,000-module build asks, so by index. */
  public Optional<ModuleDecision> decision(String id) {
    return Optional.ofNullable(((Indexed) modules).byId.get(id));
  }

  /** The decisions, unmodifiable, with an index by module id. */
  private static final class Indexed extends AbstractList<ModuleDecision> implements RandomAccess {
    private final List<ModuleDecision> list;
    private final Map<String, ModuleDecision> byId;

    Indexed(List<ModuleDecision> list) {
      this.list = list;
      this.byId = new HashMap<>(list.size() * 2);
      for (ModuleDecision d : list) {
        byId.putIfAbsent(d.id(), d); // the first, as a scan would find
      }
    }

    @Override
    public ModuleDecision get(int index) {
      return list.get(index);
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
