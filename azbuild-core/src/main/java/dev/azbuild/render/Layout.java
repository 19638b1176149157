package dev.azbuild.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the graph for the HTML page: one column per layer, left to right, so every edge points
 * right; within a column, modules are ordered by the mean position of their upstream modules, which
 * keeps most edges short and uncrossed. Sizes assume the page's 13 px monospace font.
 */
public final class Layout {

  static final int CHAR_WIDTH = 8;
  static final int NODE_HEIGHT = 44;
  static final int MIN_NODE_WIDTH = 120;
  static final int PADDING = 16;
  static final int ROW_GAP = 20;
  static final int COLUMN_GAP = 90;
  static final int MARGIN = 20;

  /** A module's box. */
  public record Box(int x, int y, int width, int height) {}

  private final Map<String, Box> boxes;
  private final int width;
  private final int height;

  private Layout(Map<String, Box> boxes, int width, int height) {
    this.boxes = boxes;
    this.width = width;
    this.height = height;
  }

  public static Layout of(GraphModel model) {
    List<List<GraphNode>> columns = columns(model);
    Map<String, Double> rowOf = new HashMap<>();
    Map<String, List<String>> upstreamOf = new HashMap<>();
    model
        .edges()
        .forEach(
            e ->
                upstreamOf
                    .computeIfAbsent(e.downstream(), k -> new ArrayList<>())
                    .add(e.upstream()));
    for (List<GraphNode> column : columns) {
      // reactor order within the first column; later columns follow their upstream modules
      if (!rowOf.isEmpty()) {
        column.sort(
            Comparator.comparingDouble(
                n ->
                    upstreamOf.getOrDefault(n.id(), List.of()).stream()
                        .mapToDouble(u -> rowOf.getOrDefault(u, 0.0))
                        .average()
                        .orElse(Double.MAX_VALUE)));
      }
      for (int i = 0; i < column.size(); i++) {
        rowOf.put(column.get(i).id(), (i + 0.5) / column.size()); // 0..1, comparable across columns
      }
    }

    int tallest = columns.stream().mapToInt(List::size).max().orElse(0);
    int totalHeight = 2 * MARGIN + Math.max(0, tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP);
    Map<String, Box> boxes = new LinkedHashMap<>();
    int x = MARGIN;
    for (List<GraphNode> column : columns) {
      int columnWidth = column.stream().mapToInt(Layout::nodeWidth).max().orElse(MIN_NODE_WIDTH);
      int columnHeight = column.size() * NODE_HEIGHT + (column.size() - 1) * ROW_GAP;
      int y = (totalHeight - columnHeight) / 2;
      for (GraphNode node : column) {
        boxes.put(node.id(), new Box(x, y, columnWidth, NODE_HEIGHT));
        y += NODE_HEIGHT + ROW_GAP;
      }
      x += columnWidth + COLUMN_GAP;
    }
    int totalWidth = columns.isEmpty() ? 2 * MARGIN : x - COLUMN_GAP + MARGIN;
    return new Layout(boxes, totalWidth, totalHeight);
  }

  private static List<List<GraphNode>> columns(GraphModel model) {
    List<List<GraphNode>> columns = new ArrayList<>();
    for (GraphNode node : model.nodes()) {
      while (columns.size() <= node.layer()) {
        columns.add(new ArrayList<>());
      }
      columns.get(node.layer()).add(node);
    }
    return columns;
  }

  private static int nodeWidth(GraphNode node) {
    return Math.max(MIN_NODE_WIDTH, node.label().length() * CHAR_WIDTH + 2 * PADDING);
  }

  public Box box(String id) {
    return boxes.get(id);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
