package dev.azbuild.ci.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of GitHub's expression language generated workflows and typical hand edits use: {@code
 * ${{ }}} in strings, and {@code if:} conditions with {@code ==}, {@code !=}, {@code &&}, {@code
 * ||}, {@code !}, parentheses, string/number/boolean literals, the contexts {@code github}, {@code
 * env}, {@code vars}, {@code secrets}, {@code runner}, {@code job}, {@code steps} and {@code
 * needs}, and the functions {@code success()}, {@code failure()}, {@code always()}, {@code
 * cancelled()}, {@code contains}, {@code startsWith}, {@code endsWith}. Strings compare ignoring
 * case, as on GitHub. Anything else is refused when the workflow is read.
 */
public final class GithubExpressions {

  static final Pattern EMBEDDED = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  static final Set<String> CONTEXTS =
      Set.of("github", "env", "vars", "secrets", "runner", "job", "steps", "needs");
  static final Set<String> STATUS_FUNCTIONS = Set.of("success", "failure", "always", "cancelled");
  static final Set<String> FUNCTIONS =
      Set.of("success", "failure", "always", "cancelled", "contains", "startswith", "endswith");

  private GithubExpressions() {}

  /** What an expression reads: a context value, a status function's result. */
  public interface Context {
    /** The value at a path such as {@code github.ref} or {@code env.NAME}; null when absent. */
    Object lookup(List<String> path);

    /**
     * {@code success()}, {@code failure()}, {@code cancelled()} for where the expression is
     * evaluated.
     */
    boolean status(String function);
  }

  /**
   * Checks the expressions of a string (every {@code ${{ }}}), or a whole {@code if:} condition.
   *
   * @return an error message, or null when it can be evaluated here
   */
  public static String problem(String text, boolean condition) {
    try {
      if (condition) {
        parse(unwrap(text));
      } else {
        Matcher m = EMBEDDED.matcher(text);
        while (m.find()) {
          parse(m.group(1));
        }
      }
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Replaces every {@code ${{ expr }}} in {@code text} by its value. */
  public static String interpolate(String text, Context context) {
    if (text == null || !text.contains("${{")) {
      return text;
    }
    Matcher m = EMBEDDED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(asString(parse(m.group(1)).eval(context))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Evaluates an {@code if:} condition; without a status function in it GitHub adds {@code
   * success() &&}, and so does this.
   */
  public static boolean condition(String text, Context context) {
    String expr = text == null || text.isBlank() ? "success()" : unwrap(text);
    Node node = parse(expr);
    if (!callsStatusFunction(expr)) {
      return context.status("success") && truthy(node.eval(context));
    }
    return truthy(node.eval(context));
  }

  static boolean callsStatusFunction(String expr) {
    return Pattern.compile("(?i)\\b(success|failure|always|cancelled)\\s*\\(").matcher(expr).find();
  }

  /** {@code ${{ x }}} around the whole condition is optional in {@code if:}. */
  static String unwrap(String text) {
    String t = text.strip();
    if (t.startsWith("${{") && t.endsWith("}}") && t.indexOf("${{", 3) < 0) {
      return t.substring(3, t.length() - 2);
    }
    return t;
  }

  // ---- evaluation ----

  private interface Node {
    Object eval(Context c);
  }

  static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Double d) {
      return d != 0 && !d.isNaN();
    }
    return !v.toString().isEmpty();
  }

  static String asString(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && !Double.isInfinite(d)
          ? Long.toString(d.longValue())
          : d.toString();
    }
    return v.toString();
  }

  private static boolean looselyEqual(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double
        || b instanceof Double
        || a instanceof Boolean
        || b instanceof Boolean) {
      return asNumber(a) == asNumber(b);
    }
    return a.toString().equalsIgnoreCase(b.toString());
  }

  private static double asNumber(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    try {
      return v.toString().isBlank() ? 0 : Double.parseDouble(v.toString().strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  // ---- parsing: or := and ('||' and)*; and := not ('&&' not)*; not := '!' not | cmp; cmp :=
  // primary (op primary)? ----

  static Node parse(String expr) {
    Parser p = new Parser(expr);
    Node node = p.or();
    p.skipSpace();
    if (p.pos < p.s.length()) {
      throw p.error("unexpected '" + p.s.substring(p.pos) + "'");
    }
    return node;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "cannot evaluate the expression '" + s.strip() + "' locally: " + what);
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean eat(String token) {
      skipSpace();
      if (s.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    Node or() {
      Node left = and();
      while (eat("||")) {
        Node l = left;
        Node r = and();
        left =
            c -> {
              Object v = l.eval(c);
              return truthy(v) ? v : r.eval(c);
            };
      }
      return left;
    }

    Node and() {
      Node left = not();
      while (eat("&&")) {
        Node l = left;
        Node r = not();
        left =
            c -> {
              Object v = l.eval(c);
              return !truthy(v) ? v : r.eval(c);
            };
      }
      return left;
    }

    Node not() {
      skipSpace();
      if (s.startsWith("!", pos) && !s.startsWith("!=", pos)) {
        pos++;
        Node inner = not();
        return c -> !truthy(inner.eval(c));
      }
      return comparison();
    }

    Node comparison() {
      Node left = primary();
      if (eat("==")) {
        Node r = primary();
        return c -> looselyEqual(left.eval(c), r.eval(c));
      }
      if (eat("!=")) {
        Node r = primary();
        return c -> !looselyEqual(left.eval(c), r.eval(c));
      }
      for (String op : List.of("<=", ">=", "<", ">")) {
        if (eat(op)) {
          throw error("comparison '" + op + "' is not supported");
        }
      }
      return left;
    }

    Node primary() {
      skipSpace();
      if (pos >= s.length()) {
        throw error("it ends too early");
      }
      char ch = s.charAt(pos);
      if (ch == '(') {
        pos++;
        Node inner = or();
        if (!eat(")")) {
          throw error("a ')' is missing");
        }
        return inner;
      }
      if (ch == '\'') {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
          if (pos >= s.length()) {
            throw error("a string is not closed");
          }
          char x = s.charAt(pos++);
          if (x == '\'') {
            if (pos < s.length() && s.charAt(pos) == '\'') {
              out.append('\'');
              pos++;
              continue;
            }
            break;
          }
          out.append(x);
        }
        String value = out.toString();
        return c -> value;
      }
      if (Character.isDigit(ch) || ch == '-') {
        int start = pos++;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          pos++;
        }
        double value = Double.parseDouble(s.substring(start, pos));
        return c -> value;
      }
      if (Character.isLetter(ch) || ch == '_') {
        String word = identifier();
        String lower = word.toLowerCase(Locale.ROOT);
        switch (lower) {
          case "true":
            return c -> true;
          case "false":
            return c -> false;
          case "null":
            return c -> null;
          default:
            break;
        }
        if (eat("(")) {
          return call(word, lower);
        }
        if (!CONTEXTS.contains(lower)) {
          throw error(
              "the context '"
                  + word
                  + "' is not available (known: "
                  + String.join(", ", new java.util.TreeSet<>(CONTEXTS))
                  + ")");
        }
        List<String> path = new ArrayList<>(List.of(lower));
        while (true) {
          if (eat(".")) {
            skipSpace();
            if (s.startsWith("*", pos)) {
              throw error("'.*' filters are not supported");
            }
            path.add(identifier());
          } else if (eat("[")) {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '\'') {
              throw error("an index must be a literal string such as ['name']");
            }
            path.add(asString(primary().eval(null)));
            if (!eat("]")) {
              throw error("a ']' is missing");
            }
          } else {
            break;
          }
        }
        List<String> fixed = List.copyOf(path);
        return c -> c.lookup(fixed);
      }
      throw error("unexpected '" + ch + "'");
    }

    String identifier() {
      skipSpace();
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos))
              || s.charAt(pos) == '_'
              || s.charAt(pos) == '-')) {
        pos++;
      }
      if (start == pos) {
        throw error("a name is missing at '" + s.substring(start) + "'");
      }
      return s.substring(start, pos);
    }

    Node call(String word, String lower) {
      if (!FUNCTIONS.contains(lower)) {
        throw error("the function '" + word + "()' is not supported");
      }
      List<Node> args = new ArrayList<>();
      if (!eat(")")) {
        do {
          args.add(or());
        } while (eat(","));
        if (!eat(")")) {
          throw error("a ')' is missing after the arguments of " + word + "()");
        }
      }
      if (STATUS_FUNCTIONS.contains(lower)) {
        if (!args.isEmpty()) {
          throw error(word + "() takes no arguments");
        }
        return switch (lower) {
          case "always" -> c -> true;
          default -> c -> c.status(lower);
        };
      }
      if (args.size() != 2) {
        throw error(word + "() takes two arguments");
      }
      Node a = args.get(0);
      Node b = args.get(1);
      return switch (lower) {
        case "contains" ->
            c -> {
              Object hay = a.eval(c);
              String needle = asString(b.eval(c)).toLowerCase(Locale.ROOT);
              if (hay instanceof List<?> list) {
                return list.stream().anyMatch(x -> asString(x).equalsIgnoreCase(needle));
              }
              return asString(hay).toLowerCase(Locale.ROOT).contains(needle);
            };
        case "startswith" ->
            c ->
                asString(a.eval(c))
                    .toLowerCase(Locale.ROOT)
                    .startsWith(asString(b.eval(c)).toLowerCase(Locale.ROOT));
        default ->
            c ->
                asString(a.eval(c))
                    .toLowerCase(Locale.ROOT)
                    .endsWith(asString(b.eval(c)).toLowerCase(Locale.ROOT));
      };
    }
  }
}
