package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** URL parsing and host rules; no network. */
class RegistriesTest {

  private final RegistryOptions options =
      RegistryOptions.defaults().withCredentials(CredentialChain.none());

  @Test
  void hostAndPrefix() throws Exception {
    try (Registry registry = Registries.forUrl("127.0.0.1:5000/team/sub/", options)) {
      assertThat(registry).isInstanceOf(OciRegistry.class);
      assertThat(registry.describe()).isEqualTo("127.0.0.1:5000/team/sub");
    }
  }

  @Test
  void schemeDecidesPlainHttpForNonLoopbackHosts() {
    assertThat(RegistryAddress.of("registry.example:5000", "", Set.of()).base())
        .hasToString("https://registry.example:5000");
    assertThat(RegistryAddress.of("registry.example:5000", "", Set.of("registry.example")).base())
        .hasToString("http://registry.example:5000");
    assertThat(RegistryAddress.of("localhost:5000", "", Set.of()).base())
        .hasToString("http://localhost:5000");
    assertThat(RegistryAddress.of("[::1]:5000", "", Set.of()).base())
        .hasToString("http://[::1]:5000");
    assertThat(RegistryAddress.of("127.1.2.3", "", Set.of()).base())
        .hasToString("http://127.1.2.3");
  }

  @Test
  void emptyHostOrBadPrefixIsAOneLineError() {
    assertThatThrownBy(() -> Registries.forUrl("  ", options))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "Registry URL '  ' has no host; write host[:port][/prefix], e.g. 127.0.0.1:5000/team");
    assertThatThrownBy(() -> Registries.forUrl("https:///team", options))
        .hasMessageContaining("has no host");
    assertThatThrownBy(() -> Registries.forUrl("127.0.0.1:5000/Team", options))
        .hasMessageContaining("Invalid repository name 'Team'");
  }

  @Test
  void aUrlThatDoesNotStartWithAHostIsAOneLineError() {
    assertThatThrownBy(() -> Registries.forUrl("not a registry", options))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "Registry URL 'not a registry' does not start with a host: 'not a registry' is not a"
                + " host name or IP address with an optional :port; write host[:port][/prefix],"
                + " e.g. 127.0.0.1:5000/team or registry.example.com/team");
    for (String bad :
        new String[] {"registry_1:5000", "host:port/team", "127.0.0.1:5000:1", "a..b", "-x.com"}) {
      assertThatThrownBy(() -> Registries.forUrl(bad, options))
          .as(bad)
          .hasMessageContaining("does not start with a host");
    }
  }

  @Test
  void validHostsOfEveryForm() throws Exception {
    for (String good :
        new String[] {
          "127.0.0.1:5000", "localhost", "registry.example.com/team", "[::1]:5000/x", "r-1.io:443"
        }) {
      try (Registry registry = Registries.forUrl(good, options)) {
        assertThat(registry).isInstanceOf(OciRegistry.class);
      }
    }
  }

  @Test
  void ecrHostsAreRecognizedWithAccountAndRegion() {
    assertThat(EcrHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
        .contains(
            new EcrHost(
                "123456789012", "eu-west-1", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
    assertThat(EcrHost.parse("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com"))
        .get()
        .extracting(EcrHost::region)
        .isEqualTo("us-east-1");
    assertThat(EcrHost.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn")).isPresent();
    assertThat(EcrHost.isEcrHost("12345.dkr.ecr.eu-west-1.amazonaws.com")).isFalse();
    assertThat(EcrHost.isEcrHost("public.ecr.aws")).isFalse();
    assertThat(EcrHost.isEcrHost("127.0.0.1:5000")).isFalse();
  }

  @Test
  void hostNamesAndLoopback() {
    assertThat(Hosts.bareHost("https://index.docker.io/v1/")).isEqualTo("index.docker.io");
    assertThat(Hosts.bareHost("HTTP://127.0.0.1:5002")).isEqualTo("127.0.0.1:5002");
    assertThat(Hosts.hostName("[::1]:5000")).isEqualTo("::1");
    assertThat(Hosts.hostName("example.com:443")).isEqualTo("example.com");
    assertThat(Hosts.isLoopback("127.0.0.1:5000")).isTrue();
    assertThat(Hosts.isLoopback("localhost")).isTrue();
    assertThat(Hosts.isLoopback("127.example.com")).isFalse();
    assertThat(Hosts.isLoopback("10.0.0.1:5000")).isFalse();
  }

  @Test
  void digestsAndTags() {
    assertThat(Digests.isDigest("sha256:" + "a".repeat(64))).isTrue();
    assertThat(Digests.isDigest("latest")).isFalse();
    assertThat(Digests.sha256(new byte[0]))
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
