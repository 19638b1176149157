package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LifecyclePoliciesTest {

  @Test
  void keyOrderAndWhitespaceDoNotCountButValuesAndArrayOrderDo() throws Exception {
    JsonNode desired = LifecyclePolicies.parse("{\"a\":1,\"b\":[1,2],\"c\":{\"x\":\"y\"}}", "here");

    assertThat(
            LifecyclePolicies.same(desired, "{ \"c\": {\"x\": \"y\"}, \"b\": [1, 2], \"a\": 1 }"))
        .isTrue();
    assertThat(LifecyclePolicies.same(desired, "{\"a\":1,\"b\":[2,1],\"c\":{\"x\":\"y\"}}"))
        .isFalse();
    assertThat(LifecyclePolicies.same(desired, "{\"a\":2,\"b\":[1,2],\"c\":{\"x\":\"y\"}}"))
        .isFalse();
    assertThat(LifecyclePolicies.same(desired, null)).isFalse();
    assertThat(LifecyclePolicies.same(desired, "garbage")).isFalse();
  }
}
