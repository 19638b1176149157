package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

  private static GraphNode node(String id, int layer) {
    return new GraphNode(id, id, id, id, "unchanged", ModuleStatus.UNCHANGED, List.of(), layer);
  }

  /** a → c, b → d, a → e, d → e: two roots, then a crossing the ordering must undo. */
  private static GraphModel model() {
    return new GraphModel(
        "content",
        null,
        "0123456789ab",
        List.of(
            node("a", 0),
            node("b", 0),
            node("d", 1),
            node("c", 1),
            node("a-very-long-module-name/e", 2)),
        List.of(
            new GraphEdge("a", "c"),
            new GraphEdge("b", "d"),
            new GraphEdge("a", "a-very-long-module-name/e"),
            new GraphEdge("d", "a-very-long-module-name/e")));
  }

  @Test
  void layersRunLeftToRightSoEveryEdgePointsRight() {
    GraphModel model = model();
    Layout layout = Layout.of(model);
    for (GraphEdge e : model.edges()) {
      Layout.Box from = layout.box(e.upstream());
      Layout.Box to = layout.box(e.downstream());
      assertThat(from.x() + from.width()).isLessThan(to.x());
    }
    assertThat(layout.box("a").x()).isEqualTo(layout.box("b").x());
    assertThat(layout.box("c").x()).isEqualTo(layout.box("d").x());
  }

  @Test
  void aColumnFollowsItsUpstreamOrder() {
    Layout layout = Layout.of(model());
    // c hangs off a (first row), d off b: c goes above d although the reactor listed d first
    assertThat(layout.box("c").y()).isLessThan(layout.box("d").y());
  }

  @Test
  void boxesFitTheirLabelsNeverOverlapAndStayInsideTheCanvas() {
    GraphModel model = model();
    Layout layout = Layout.of(model);
    List<Layout.Box> boxes = new ArrayList<>();
    for (GraphNode n : model.nodes()) {
      Layout.Box b = layout.box(n.id());
      assertThat(b.width()).isGreaterThanOrEqualTo(n.label().length() * Layout.CHAR_WIDTH);
      assertThat(b.x()).isGreaterThanOrEqualTo(0);
      assertThat(b.y()).isGreaterThanOrEqualTo(0);
      assertThat(b.x() + b.width()).isLessThanOrEqualTo(layout.width());
      assertThat(b.y() + b.height()).isLessThanOrEqualTo(layout.height());
      for (Layout.Box other : boxes) {
        boolean apart =
            b.x() + b.width() <= other.x()
                || other.x() + other.width() <= b.x()
                || b.y() + b.height() <= other.y()
                || other.y() + other.height() <= b.y();
        assertThat(apart).as("%s and %s overlap", b, other).isTrue();
      }
      boxes.add(b);
    }
  }

  @Test
  void anEmptyGraphIsAnEmptyCanvas() {
    Layout layout =
        Layout.of(new GraphModel("content", null, "0123456789ab", List.of(), List.of()));
    assertThat(layout.width()).isPositive();
    assertThat(layout.height()).isPositive();
  }
}
